package org.amalgam.ingest.file;

import static org.amalgam.ingest.file.JsonArrayReaderTests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XlsxReaderTests {

    @TempDir
    Path folder;

    /** A workbook written by POI, as Excel writes it (shared strings, styles, cached formula values). */
    private Path workbook(Consumer<XSSFWorkbook> content) throws IOException {
        Path file = Files.createTempFile(folder, "upload", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            content.accept(workbook);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
        }
        return file;
    }

    private static Row row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            var cell = row.createCell(i);
            if (value instanceof String text && text.startsWith("=")) {
                cell.setCellFormula(text.substring(1));
            } else if (value instanceof String text) {
                cell.setCellValue(text);
            } else if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else {
                cell.setCellValue((Boolean) value);
            }
        }
        return row;
    }

    private static CellStyle format(XSSFWorkbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    @Test
    void theFirstRowThatIsNotEmptyIsTheHeaderAndEmptyRowsAreSkipped() throws IOException {
        Path file = workbook(workbook -> {
            Sheet sheet = workbook.createSheet("People");
            row(sheet, 2, " id ", "first_name", "last_name");
            row(sheet, 3, "p1", "Ann", "Lee");
            row(sheet, 5, "p2", null, "Kim");
            sheet.createRow(6);
            row(sheet, 7, "p3", "Carl");
        });

        try (XlsxReader reader = XlsxReader.open(file, null)) {
            assertThat(reader.header()).containsExactly("id", "first_name", "last_name");
            List<org.amalgam.ingest.file.Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(org.amalgam.ingest.file.Row::values)
                    .containsExactly(
                            List.of("p1", "Ann", "Lee"),
                            Arrays.asList("p2", null, "Kim"),
                            Arrays.asList("p3", "Carl", null));
            assertThat(rows).extracting(org.amalgam.ingest.file.Row::number).containsExactly(1L, 2L, 3L);
            assertThat(rows.get(1).raw()).isEqualTo("p2,,Kim");
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void cellsReadAsAPersonSeesThem() throws IOException {
        Path file = workbook(workbook -> {
            Sheet sheet = workbook.createSheet();
            row(
                    sheet, 0, "id", "date", "when", "time", "count", "price", "phone", "big", "tiny", "sum", "yes",
                    "text", "label", "error");
            Row row = row(
                    sheet,
                    1,
                    "p1",
                    null,
                    null,
                    null,
                    42.0,
                    19.99,
                    4930123456.0,
                    1.0e20,
                    0.00001,
                    "=E2*2+0.1+0.2",
                    true,
                    "00123",
                    "=\"Dr. \"&L2",
                    "=1/0");
            var date = row.createCell(1);
            date.setCellValue(LocalDate.of(1980, 1, 5));
            date.setCellStyle(format(workbook, "dd.mm.yyyy"));
            var when = row.createCell(2);
            when.setCellValue(LocalDateTime.of(2024, 3, 1, 13, 45, 7));
            when.setCellStyle(format(workbook, "m/d/yy h:mm"));
            var time = row.createCell(3);
            time.setCellValue(0.75);
            time.setCellStyle(format(workbook, "h:mm:ss"));
        });

        try (XlsxReader reader = XlsxReader.open(file, null)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(org.amalgam.ingest.file.Row::values)
                    .isEqualTo(List.of(
                            "p1",
                            "1980-01-05",
                            "2024-03-01T13:45:07",
                            "18:00:00",
                            "42",
                            "19.99",
                            "4930123456",
                            "100000000000000000000",
                            "0.00001",
                            "84.3",
                            "true",
                            "00123",
                            "Dr. 00123",
                            "#DIV/0!"));
        }
    }

    @Test
    void aValueOutsideTheHeaderColumnsRejectsItsRowNamingTheCell() throws IOException {
        Path file = workbook(workbook -> {
            Sheet sheet = workbook.createSheet();
            row(sheet, 0, null, "id", "name");
            row(sheet, 1, null, "p1", "Ann", null, "a note");
            row(sheet, 2, "stray", "p2", "Bob");
            row(sheet, 3, null, "p3", "Carl");
        });

        try (XlsxReader reader = XlsxReader.open(file, null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            List<org.amalgam.ingest.file.Row> rows = readAll(reader);

            assertThat(rows.get(0).problem())
                    .isEqualTo("the row has a value in cell E2, outside the columns of the header (B to C)");
            assertThat(rows.get(0).raw()).isEqualTo(",p1,Ann,,a note");
            assertThat(rows.get(1).problem()).contains("cell A3");
            assertThat(rows.get(2).problem()).isNull();
            assertThat(rows.get(2).values()).containsExactly("p3", "Carl");
        }
    }

    @Test
    void readsANamedSheetAndSaysWhichSheetsThereAreWhenItIsMissing() throws IOException {
        Path file = workbook(workbook -> {
            row(workbook.createSheet("Notes"), 0, "nothing to import");
            Sheet people = workbook.createSheet("People");
            row(people, 0, "id");
            row(people, 1, "p1");
        });

        try (XlsxReader reader = XlsxReader.open(file, "People")) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(r -> r.values().get(0))
                    .isEqualTo("p1");
        }
        assertThatThrownBy(() -> XlsxReader.open(file, "Staff"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("The workbook has no sheet 'Staff'; its sheets are: Notes, People.");
    }

    @Test
    void aHeaderOnlyHasNoRowsAndAnEmptySheetIsRefused() throws IOException {
        Path headerOnly = workbook(workbook -> row(workbook.createSheet(), 0, "id", "name"));
        try (XlsxReader reader = XlsxReader.open(headerOnly, null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(reader.next()).isEmpty();
        }

        Path empty = workbook(workbook -> workbook.createSheet("Sheet1"));
        assertThatThrownBy(() -> XlsxReader.open(empty, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("The sheet 'Sheet1' of the workbook is empty");
    }

    @Test
    void aCsvFileNamedXlsxIsNotAWorkbook() throws IOException {
        Path file = Files.writeString(folder.resolve("people.xlsx"), "id,name\n1,Ann\n");

        assertThatThrownBy(() -> XlsxReader.open(file, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is not an Excel workbook (.xlsx)")
                .hasMessageContaining("CSV");
    }

    @Test
    void aZipOfSomethingElseIsNotAWorkbook() throws IOException {
        Path file = folder.resolve("photos.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a workbook".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> XlsxReader.open(file, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is not an Excel workbook (.xlsx)")
                .hasMessageContaining("zip archive of other files");
    }

    @Test
    void aWorkbookWithItsSheetMissingIsADamagedWorkbook() throws IOException {
        Path file = rewrite(
                workbook(workbook -> row(workbook.createSheet(), 0, "id")),
                (name, content) -> name.equals("xl/worksheets/sheet1.xml") ? null : content);

        assertThatThrownBy(() -> XlsxReader.open(file, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is not an Excel workbook (.xlsx), or it is damaged");
    }

    @Test
    void refusesAZipBombDisguisedAsAWorkbook() throws IOException {
        byte[] padding = " ".repeat(64 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        Path file = rewrite(workbook(workbook -> row(workbook.createSheet(), 0, "id")), (name, content) -> {
            if (!name.equals("xl/worksheets/sheet1.xml")) {
                return content;
            }
            String xml = new String(content, StandardCharsets.UTF_8);
            int at = xml.indexOf("<sheetData");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(padding);
            out.writeBytes(xml.substring(at).getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        });

        assertThatThrownBy(() -> readAll(XlsxReader.open(file, null)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void anOldExcelFileIsRefusedWithWhatToDoInstead() throws IOException {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        Path file = Files.write(folder.resolve("people.xlsx"), ole2);

        assertThatThrownBy(() -> XlsxReader.open(file, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("Excel 97-2003")
                .hasMessageContaining("save it as an Excel workbook (.xlsx)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            42.0                    | 42
            -3.0                    | -3
            0.0                     | 0
            -0.0                    | 0
            19.99                   | 19.99
            12345678901.0           | 12345678901
            1.0E20                  | 100000000000000000000
            0.30000000000000004     | 0.3
            1.0E-7                  | 0.0000001
            """)
    void numbersReadWithoutASpuriousDecimalOrExponent(double value, String text) {
        assertThat(XlsxReader.numberText(value)).isEqualTo(text);
    }

    @FunctionalInterface
    private interface EntryRewrite {
        /** The new content of the entry, or null to leave it out. */
        byte[] apply(String name, byte[] content);
    }

    private Path rewrite(Path workbook, EntryRewrite rewrite) throws IOException {
        Path target = Files.createTempFile(folder, "rewritten", ".xlsx");
        try (InputStream in = Files.newInputStream(workbook);
                ZipInputStream zipIn = new ZipInputStream(in);
                ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
                byte[] content = rewrite.apply(entry.getName(), zipIn.readAllBytes());
                if (content != null) {
                    zipOut.putNextEntry(new ZipEntry(entry.getName()));
                    zipOut.write(content);
                    zipOut.closeEntry();
                }
            }
        }
        return target;
    }
}
