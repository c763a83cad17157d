package org.amalgam.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonArrayReaderTests {

    @TempDir
    Path folder;

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(folder, "upload", ".json"), content);
    }

    static List<Row> readAll(TabularReader reader) {
        List<Row> rows = new ArrayList<>();
        for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
            rows.add(row.get());
        }
        return rows;
    }

    @Test
    void fieldsBecomeColumnsInTheOrderTheyFirstAppearAndEveryRowIsAlignedWithThem() throws IOException {
        Path file = file(
                """
                [
                  {"id": "p1", "first_name": "Ann"},
                  {"id": "p2", "email": "bob@example.com", "first_name": "Bob"},
                  {"last_name": "Lee", "id": "p3"}
                ]
                """);

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            assertThat(reader.header()).containsExactly("id", "first_name", "email", "last_name");
            List<Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(Row::values)
                    .containsExactly(
                            Arrays.asList("p1", "Ann", null, null),
                            Arrays.asList("p2", "Bob", "bob@example.com", null),
                            Arrays.asList("p3", null, null, "Lee"));
            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L);
            assertThat(rows).extracting(Row::problem).containsOnlyNulls();
        }
    }

    @Test
    void flattensNestedObjectsWithDotPathsAndKeepsArraysAsCompactJson() throws IOException {
        Path file = file(
                """
                [{"id": 7,
                  "address": {"city": "Köln", "geo": {"lat": 50.94, "lon": 6.96}},
                  "tags": ["a", {"b": 1}],
                  "active": true, "score": 1.50, "big": 12345678901234567890, "small": 1e-7, "note": null}]
                """);

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            assertThat(reader.header())
                    .containsExactly(
                            "id",
                            "address.city",
                            "address.geo.lat",
                            "address.geo.lon",
                            "tags",
                            "active",
                            "score",
                            "big",
                            "small",
                            "note");
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(Row::values)
                    .isEqualTo(Arrays.asList(
                            "7",
                            "Köln",
                            "50.94",
                            "6.96",
                            "[\"a\",{\"b\":1}]",
                            "true",
                            "1.50",
                            "12345678901234567890",
                            "1e-7",
                            null));
        }
    }

    @Test
    void theRawRowIsTheObjectAsCompactJson() throws IOException {
        Path file = file(
                "[\n  {\"id\" : \"p1\",\n   \"name\" : \"Ann \\\"A\\\" Lee\", \"n\": 1.50, \"a\": {\"b\": [1, 2]}}\n]");

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .extracting(Row::raw)
                    .isEqualTo("{\"id\":\"p1\",\"name\":\"Ann \\\"A\\\" Lee\",\"n\":1.50,\"a\":{\"b\":[1,2]}}");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"records": [{"id": 1}]}        | one object (with the fields records)
            "hello"                         | a single value (a string)
            42                              | a single value (a number)
            null                            | a single value (null)
            """)
    void aFileThatIsJsonButNotAnArrayIsRefusedSayingWhatItHolds(String content, String holds) throws IOException {
        Path file = file(content);

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is JSON but not an array of objects")
                .hasMessageContaining("it holds " + holds)
                .hasMessageContaining("one object per line");
    }

    @Test
    void anElementThatIsNotAnObjectIsARejectedRowWithItsTextAndTheOthersAreRead() throws IOException {
        Path file = file("[{\"id\": \"p1\"}, 42, \"text\", null, [1, 2], {\"id\": \"p6\"}]");

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            List<Row> rows = readAll(reader);

            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(rows)
                    .extracting(Row::raw)
                    .containsExactly("{\"id\":\"p1\"}", "42", "\"text\"", "null", "[1,2]", "{\"id\":\"p6\"}");
            assertThat(rows.get(1).problem())
                    .isEqualTo("the element is a number, not an object: each element of the"
                            + " array must be an object such as {\"id\": \"…\", \"email\": \"…\"}");
            assertThat(rows.get(4).problem()).startsWith("the element is an array, not an object");
            assertThat(rows.get(1).values()).isEmpty();
            assertThat(rows.get(0).problem()).isNull();
            assertThat(rows.get(5).problem()).isNull();
        }
    }

    @Test
    void aTruncatedFileFailsBeforeAnyRowNamingTheRowAfterWhichItBroke() throws IOException {
        Path file = file("[{\"id\": \"p1\"}, {\"id\": \"p2\"}, {\"id\": \"p3\", \"name\": \"Ca");

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("ends after row 2")
                .hasMessageContaining("cut off")
                .hasMessageContaining("nothing was imported");
    }

    @Test
    void invalidJsonFailsNamingTheRowAndThePlace() throws IOException {
        Path file = file("[{\"id\": \"p1\"},\n {\"id\": p2}]");

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not valid JSON after row 1")
                .hasMessageContaining("line 2, column");
    }

    @Test
    void aCsvFileNamedJsonIsNotValidJson() throws IOException {
        Path file = file("id,name\n1,Ann\n");

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is not valid JSON (at line 1, column");
    }

    @Test
    void moreJsonAfterTheArrayIsRefused() throws IOException {
        Path file = file("[{\"id\": 1}]\n[{\"id\": 2}]");

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("more JSON after the end of its array");
    }

    @Test
    void anEmptyFileIsRefusedAndAnEmptyArrayHasNoRows() throws IOException {
        assertThatThrownBy(() -> JsonArrayReader.open(file("  \n ")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("empty");

        try (JsonArrayReader reader = JsonArrayReader.open(file("[]"))) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void readsAValueOfTenMegabytes() throws IOException {
        String big = "x".repeat(10 * 1024 * 1024);
        Path file = file("[{\"id\": \"p1\", \"note\": \"" + big + "\"}, {\"id\": \"p2\"}]");

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            List<Row> rows = readAll(reader);

            assertThat(rows.get(0).values().get(1)).hasSize(big.length());
            assertThat(rows.get(1).values()).containsExactly("p2", null);
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedNotAStackOverflow() throws IOException {
        Path file = file("[{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001) + "]");

        assertThatThrownBy(() -> JsonArrayReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void readsUtf16WithByteOrderMark() throws IOException {
        Path file = file("\uFEFF[{\"id\": \"p1\", \"name\": \"Zoë\"}]".getBytes(StandardCharsets.UTF_16BE));

        try (JsonArrayReader reader = JsonArrayReader.open(file)) {
            assertThat(readAll(reader)).singleElement().extracting(Row::values).isEqualTo(List.of("p1", "Zoë"));
        }
    }

    @Test
    void anObjectWithBytesThatAreNotUtf8IsARejectedRowAndTheOthersAreRead() throws IOException {
        byte[] start = "[{\"id\": \"p1\", \"name\": \"Zoë Ødegård\"},\n{\"id\": \"p2\", \"name\": \"M"
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "ller\"},\n{\"id\": \"p3\", \"name\": \"Ann\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[start.length + 1 + end.length];
        System.arraycopy(start, 0, content, 0, start.length);
        content[start.length] = (byte) 0xFC; // ü in Windows-1252
        System.arraycopy(end, 0, content, start.length + 1, end.length);

        try (JsonArrayReader reader = JsonArrayReader.open(file(content))) {
            List<Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(Row::problem)
                    .containsExactly(null, TextInput.notValidText(StandardCharsets.UTF_8), null);
            assertThat(rows.get(1).raw()).contains("M\uFFFDller");
        }
    }

    @Test
    void countsTheBytesItHasRead() throws IOException {
        byte[] content = "[{\"id\": 1}, {\"id\": 2}]".getBytes(StandardCharsets.UTF_8);

        try (JsonArrayReader reader = JsonArrayReader.open(file(content))) {
            readAll(reader);

            assertThat(reader.bytesRead()).isEqualTo(content.length);
        }
    }
}
