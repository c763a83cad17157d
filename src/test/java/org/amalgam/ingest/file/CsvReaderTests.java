package org.amalgam.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path folder;

    private Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(folder, "upload", ".csv"), content);
    }

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Row> readAll(TabularReader reader) {
        List<Row> rows = new ArrayList<>();
        for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
            rows.add(row.get());
        }
        return rows;
    }

    @ParameterizedTest(name = "[{index}] delimiter ''{0}''")
    @ValueSource(strings = {",", ";", "\t", "|"})
    void findsTheDelimiterFromTheHeaderLine(String delimiter) throws IOException {
        Path file = file(String.join(delimiter, "id", "first_name", "email") + "\n"
                + String.join(delimiter, "1", "Ann", "ann@example.com") + "\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(reader.header()).containsExactly("id", "first_name", "email");
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(Row::values)
                    .isEqualTo(List.of("1", "Ann", "ann@example.com"));
        }
    }

    @Test
    void aDelimiterInsideQuotesDoesNotCount() throws IOException {
        Path file = file("\"id;key\",name\n1,Ann\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(reader.header()).containsExactly("id;key", "name");
        }
    }

    @Test
    void aNamedDelimiterWinsOverTheGuess() throws IOException {
        Path file = file("id\tnote\n1\ta,b,c,d\n");

        try (CsvReader reader = CsvReader.open(file, '\t')) {
            assertThat(readAll(reader)).singleElement().extracting(Row::values).isEqualTo(List.of("1", "a,b,c,d"));
        }
    }

    @Test
    void readsUtf8WithoutByteOrderMark() throws IOException {
        Path file = file("id,name\n1,Zoë Ødegård 東京\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(row -> row.values().get(1))
                    .isEqualTo("Zoë Ødegård 東京");
        }
    }

    @Test
    void skipsTheUtf8ByteOrderMarkSoTheFirstColumnKeepsItsName() throws IOException {
        byte[] text = "id,name\n1,Zoë\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[UTF8_BOM.length + text.length];
        System.arraycopy(UTF8_BOM, 0, content, 0, UTF8_BOM.length);
        System.arraycopy(text, 0, content, UTF8_BOM.length, text.length);

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(row -> row.values().get(1))
                    .isEqualTo("Zoë");
        }
    }

    @Test
    void readsUtf16WithByteOrderMark() throws IOException {
        byte[] content = "\uFEFFid,name\n1,Zoë\n".getBytes(StandardCharsets.UTF_16LE);

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(row -> row.values().get(1))
                    .isEqualTo("Zoë");
        }
    }

    @Test
    void readsWindows1252WhenTheFileIsNotUtf8() throws IOException {
        Path file = file("id;name;city\n1;Jürgen Müller;Köln – 5 €\n".getBytes(WINDOWS_1252));

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(Row::values)
                    .isEqualTo(List.of("1", "Jürgen Müller", "Köln – 5 €"));
        }
    }

    @Test
    void keepsLineBreaksAndQuotesInsideQuotedFields() throws IOException {
        Path file = file("id,note\r\n1,\"line one\r\nline two, \"\"quoted\"\"\"\r\n2,plain\r\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            List<Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(row -> row.values().get(1))
                    .containsExactly("line one\r\nline two, \"quoted\"", "plain");
            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
        }
    }

    @Test
    void numbersDataRowsFromOneAndKeepsTheRawRow() throws IOException {
        Path file = file("id,name\n1,Ann\n\n2,\"Lee, Bob\"\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            List<Row> rows = readAll(reader);

            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
            assertThat(rows.get(1).raw()).isEqualTo("2,\"Lee, Bob\"");
        }
    }

    @Test
    void theRawRowIsTheRowAsItStoodInTheFile() throws IOException {
        Path file = file("id,name,email\n,Ann,ann@example.com\n2,\"Bob\",\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(readAll(reader)).extracting(Row::raw).containsExactly(",Ann,ann@example.com", "2,\"Bob\",");
        }
    }

    @Test
    void anUnclosedQuoteSaysWhereTheFileBreaks() throws IOException {
        Path file = file("id,name\n1,Ann\n2,\"Bob\n3,Carl\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("after row 1")
                    .hasMessageContaining("unclosed quote");
        }
    }

    @Test
    void anUnclosedQuoteInTheHeaderIsAnUnreadableFile() throws IOException {
        Path file = file("id,\"name\n1,Ann\n");

        assertThatThrownBy(() -> CsvReader.open(file, null).close())
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("quote");
    }

    @Test
    void refusesABinaryFile() throws IOException {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x1A, 0x2B, 0x00, 0x00};

        assertThatThrownBy(() -> CsvReader.open(file(zip), null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not a text file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "\r\n"})
    void refusesAnEmptyFile(String content) throws IOException {
        Path file = file(content);

        assertThatThrownBy(() -> CsvReader.open(file, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aFileWithOnlyAHeaderHasNoRows() throws IOException {
        try (CsvReader reader = CsvReader.open(file("id,name\n"), null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void stripsSpacesAroundHeaderNamesButNotAroundValues() throws IOException {
        try (CsvReader reader = CsvReader.open(file(" id , name \n1, Ann \n"), null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(readAll(reader)).singleElement().extracting(Row::values).isEqualTo(List.of("1", " Ann "));
        }
    }

    @Test
    void countsTheBytesItHasRead() throws IOException {
        byte[] content = "id,name\n1,Ann\n2,Bob\n".getBytes(StandardCharsets.UTF_8);

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            readAll(reader);

            assertThat(reader.bytesRead()).isEqualTo(content.length);
        }
    }
    /** Rows of plain text that fill the first 64 KB, which the encoding is guessed from. */
    private static String filler(String prefix) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; rows.length() < TextSniffer.SAMPLE + 100; i++) {
            rows.append(prefix).append(i).append(",filler row of plain text\n");
        }
        return rows.toString();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void aWindows1252CharacterAfterThe64KbOfAUtf8FileRejectsOnlyItsRow() throws IOException {
        byte[] content = concat(
                ("id,name\nz1,Zoë Ødegård\n" + filler("f")).getBytes(StandardCharsets.UTF_8),
                "m1,Jürgen\n".getBytes(WINDOWS_1252),
                "m2,Zoë\n".getBytes(StandardCharsets.UTF_8));

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            List<Row> rows = readAll(reader);
            Row last = rows.get(rows.size() - 1);
            Row mixed = rows.get(rows.size() - 2);

            assertThat(mixed.raw()).isEqualTo("m1,J\uFFFDrgen");
            assertThat(mixed.problem()).isEqualTo(TextInput.notValidText(StandardCharsets.UTF_8));
            assertThat(last.values()).containsExactly("m2", "Zoë");
            assertThat(last.problem()).isNull();
            assertThat(rows.stream().filter(row -> row.problem() != null)).hasSize(1);
        }
    }

    @Test
    void aWindows1252FileWhoseFirst64KbArePlainAsciiIsReadAsWindows1252() throws IOException {
        byte[] content = concat(
                ("id,name\n" + filler("f")).getBytes(StandardCharsets.US_ASCII),
                "m1,Jürgen Müller – 5 €\n".getBytes(WINDOWS_1252));

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            List<Row> rows = readAll(reader);

            assertThat(rows.get(rows.size() - 1).values()).containsExactly("m1", "Jürgen Müller – 5 €");
            assertThat(rows).extracting(Row::problem).containsOnlyNulls();
        }
    }

    @Test
    void aUtf8FileWithAFewStrayBytesIsReadAsUtf8AndOnlyTheirRowsAreRejected() throws IOException {
        byte[] content = concat(
                "id,name\n1,Zoë Ødegård\n2,M".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFC},
                "ller\n3,Çelik\n".getBytes(StandardCharsets.UTF_8));

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            List<Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(row -> row.values().get(1))
                    .containsExactly("Zoë Ødegård", "M\uFFFDller", "Çelik");
            assertThat(rows).extracting(row -> row.problem() != null).containsExactly(false, true, false);
        }
    }

    @Test
    void readsUtf16BigEndianWithByteOrderMark() throws IOException {
        byte[] content = "\uFEFFid;name\n1;Zoë\n".getBytes(StandardCharsets.UTF_16BE);

        try (CsvReader reader = CsvReader.open(file(content), null)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(readAll(reader)).singleElement().extracting(Row::values).isEqualTo(List.of("1", "Zoë"));
        }
    }

    @Test
    void readsAFieldOfTenMegabytes() throws IOException {
        String big = "Lorem ipsum, \"dolor\"\n".repeat(10 * 1024 * 1024 / 22 + 1);
        Path file = file("id,note\n1,\"" + big.replace("\"", "\"\"") + "\"\n2,short\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            List<Row> rows = readAll(reader);

            assertThat(rows.get(0).values().get(1)).isEqualTo(big);
            assertThat(rows.get(1).values()).containsExactly("2", "short");
        }
    }

    @Test
    void anUnclosedQuoteInABigFileStopsAtTheRowLimitInsteadOfFillingTheMemory() throws IOException {
        Path file = folder.resolve("unclosed.csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("id,name\n1,Ann\n2,\"Bob\n");
            String line = "3,Carl and many more rows after the quote that is never closed\n";
            for (long written = 0; written <= TextInput.MAX_ROW_CHARS; written += line.length()) {
                out.write(line);
            }
        }

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(reader.next()).isPresent();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("after row 1")
                    .hasMessageContaining("longer than 32 MB")
                    .hasMessageContaining("unclosed quote");
        }
    }

    @Test
    void aSingleColumnFileKeepsCommasInsideQuotes() throws IOException {
        Path file = file("id\n\"k,1\"\n\"k,2\"\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(reader.header()).containsExactly("id");
            assertThat(readAll(reader)).extracting(Row::values).containsExactly(List.of("k,1"), List.of("k,2"));
        }
    }

    @Test
    void aSemicolonFileWithCommasInItsValuesIsSplitAtTheSemicolons() throws IOException {
        Path file = file("id;name;city\n1;Lee, Ann;Berlin, Mitte\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(Row::values)
                    .isEqualTo(List.of("1", "Lee, Ann", "Berlin, Mitte"));
        }
    }

    @Test
    void raggedRowsKeepTheFieldsTheyHave() throws IOException {
        Path file = file("id,name,email\n1,Ann\n2,Bob,bob@example.com,extra\n3,Carl,carl@example.com\n");

        try (CsvReader reader = CsvReader.open(file, null)) {
            assertThat(readAll(reader)).extracting(row -> row.values().size()).containsExactly(2, 4, 3);
        }
    }
}
