package org.amalgam.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TabularReadersTests {

    @TempDir
    Path folder;

    private Path file(String content) throws IOException {
        return Files.write(Files.createTempFile(folder, "upload", ".bin"), content.getBytes(StandardCharsets.UTF_8));
    }

    private Path workbook() throws IOException {
        Path file = Files.createTempFile(folder, "upload", ".bin");
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var row = workbook.createSheet().createRow(0);
            row.createCell(0).setCellValue("id");
            workbook.write(out);
        }
        return file;
    }

    private static Class<?> readerFor(Path file, String name) throws IOException {
        try (TabularReader reader = TabularReaders.open(file, name)) {
            return reader.getClass();
        }
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            id,name\\n1,Ann                     | people.csv    | CsvReader
            id;name\\n1;Ann                     | PEOPLE.TXT    | CsvReader
            id\\tname\\n1\\tAnn                 | people.tsv    | CsvReader
            id\\tname\\n1\\tAnn                 | people.tab    | CsvReader
            [{"id": 1}]                         | people.json   | JsonArrayReader
            {"id": 1}\\n{"id": 2}               | people.json   | NdjsonReader
            {"id": 1}\\n{"id": 2}               | people.ndjson | NdjsonReader
            {"id": 1}\\n{"id": 2}               | people.jsonl  | NdjsonReader
            '  \\n [{"id": 1}]'                 | people.ndjson | JsonArrayReader
            [{"id": 1}]                         | export        | JsonArrayReader
            {"id": 1}                           | export.dat    | NdjsonReader
            id,name\\n1,Ann                     | export.dat    | CsvReader
            id,name\\n1,Ann                     |               | CsvReader
            """)
    void choosesTheReaderByTheNameElseByTheFirstBytes(String content, String name, String reader) throws IOException {
        Path file = file(content.replace("\\n", "\n").replace("\\t", "\t"));

        assertThat(readerFor(file, name).getSimpleName()).isEqualTo(reader);
    }

    @Test
    void readsAWorkbookByItsNameOrByItsZipSignature() throws IOException {
        Path workbook = workbook();

        assertThat(readerFor(workbook, "people.xlsx")).isEqualTo(XlsxReader.class);
        assertThat(readerFor(workbook, "people")).isEqualTo(XlsxReader.class);
    }

    @Test
    void aWorkbookNamedCsvIsRefusedAsNotTextSayingItIsAZip() throws IOException {
        Path workbook = workbook();

        assertThatThrownBy(() -> TabularReaders.open(workbook, "people.csv"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not a text file")
                .hasMessageContaining("zip archive, such as an Excel workbook");
    }

    @Test
    void anOldExcelFileIsRefusedByItsNameAndByItsSignature() throws IOException {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        Path file = Files.write(folder.resolve("upload"), ole2);

        for (String name : new String[] {"people.xls", "people"}) {
            assertThatThrownBy(() -> TabularReaders.open(file, name))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("Excel 97-2003 workbook (.xls)")
                    .hasMessageContaining("save it as an Excel workbook (.xlsx)");
        }
    }

    @Test
    void aJsonFileThatIsNeitherAnArrayNorObjectsSaysWhatItHolds() throws IOException {
        assertThatThrownBy(() -> TabularReaders.open(file("\"just text\""), "people.json"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is JSON but not an array of objects");
    }
}
