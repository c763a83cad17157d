package org.amalgam.ingest.file;

import static org.amalgam.ingest.file.JsonArrayReaderTests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonReaderTests {

    @TempDir
    Path folder;

    private Path file(String content) throws IOException {
        return Files.write(Files.createTempFile(folder, "upload", ".ndjson"), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneObjectPerLineSkippingBlankLinesWithTheColumnsOfAllLines() throws IOException {
        Path file = file(
                "{\"id\": \"p1\", \"name\": \"Ann\"}\r\n\n   \n{\"id\": \"p2\", \"address\": {\"city\": \"Oslo\"}}\n");

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            assertThat(reader.header()).containsExactly("id", "name", "address.city");
            List<Row> rows = readAll(reader);

            assertThat(rows)
                    .extracting(Row::values)
                    .containsExactly(Arrays.asList("p1", "Ann", null), Arrays.asList("p2", null, "Oslo"));
            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
            assertThat(rows)
                    .extracting(Row::raw)
                    .containsExactly(
                            "{\"id\": \"p1\", \"name\": \"Ann\"}",
                            "{\"id\": \"p2\", \"address\": {\"city\": \"Oslo\"}}");
        }
    }

    @Test
    void aBrokenLineIsOneRejectedRowWithItsTextAndTheRestIsRead() throws IOException {
        Path file = file(
                """
                {"id": "p1"}
                {"id": "p2", "name": "Bo
                [1, 2]
                {"id": "p4"} {"id": "p5"}
                {"id": "p6"}
                """);

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            List<Row> rows = readAll(reader);

            assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(rows.get(1).raw()).isEqualTo("{\"id\": \"p2\", \"name\": \"Bo");
            assertThat(rows.get(1).problem()).startsWith("the line is not valid JSON (at column");
            assertThat(rows.get(2).problem()).startsWith("the line is an array, not an object");
            assertThat(rows.get(3).problem()).startsWith("the line holds more than one JSON value");
            assertThat(rows.get(0).problem()).isNull();
            assertThat(rows.get(4).problem()).isNull();
            assertThat(rows.get(4).values()).containsExactly("p6");
            assertThat(reader.header()).as("a broken line adds no columns").containsExactly("id");
        }
    }

    @Test
    void aBrokenFirstLineIsARejectedRowToo() throws IOException {
        Path file = file("{\"id\": \n{\"id\": \"p2\"}\n");

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            assertThat(reader.header()).containsExactly("id");
            assertThat(readAll(reader))
                    .extracting(Row::problem)
                    .hasSize(2)
                    .first()
                    .isNotNull();
        }
    }

    @Test
    void aTruncatedLastLineIsARejectedRow() throws IOException {
        Path file = file("{\"id\": \"p1\"}\n{\"id\": \"p2\", \"na");

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            List<Row> rows = readAll(reader);

            assertThat(rows).extracting(Row::raw).containsExactly("{\"id\": \"p1\"}", "{\"id\": \"p2\", \"na");
            assertThat(rows.get(1).problem()).contains("not valid JSON");
        }
    }

    @Test
    void aPrettyPrintedObjectIsRefusedAsJsonThatIsNotAnArray() throws IOException {
        Path file = file(
                """
                {
                  "records": [{"id": 1}]
                }
                """);

        assertThatThrownBy(() -> NdjsonReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("The file is JSON but not an array of objects")
                .hasMessageContaining("one object over several lines");
    }

    @Test
    void prettyPrintedObjectsOneAfterTheOtherAreRefusedAsNotNdjson() throws IOException {
        Path file = file("{\n \"id\": 1\n}\n{\n \"id\": 2\n}\n");

        assertThatThrownBy(() -> NdjsonReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("span several lines");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        assertThatThrownBy(() -> NdjsonReader.open(file("\n \n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aLineOfTenMegabytesIsRead() throws IOException {
        String big = "y".repeat(10 * 1024 * 1024);
        Path file = file("{\"id\": \"p1\", \"note\": \"" + big + "\"}\n");

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            assertThat(readAll(reader))
                    .singleElement()
                    .satisfies(row -> assertThat(row.values().get(1)).hasSize(big.length()));
        }
    }

    @Test
    void aLineBeyondTheLimitFailsTheFileInsteadOfFillingTheMemory() throws IOException {
        Path file = file("{\"id\": \"p1\"}\n[" + "1,".repeat(TextInput.MAX_ROW_CHARS / 2 + 1) + "1]\n");

        assertThatThrownBy(() -> NdjsonReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("Line 2 is longer than 32 MB");
    }

    @Test
    void aLineWithBytesThatAreNotUtf8IsARejectedRow() throws IOException {
        byte[] good = "{\"id\": \"p1\", \"name\": \"Zoë Ødegård\"}\n{\"id\": \"p2\", \"name\": \"M"
                .getBytes(StandardCharsets.UTF_8);
        byte[] rest = "ller\"}\n{\"id\": \"p3\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[good.length + 1 + rest.length];
        System.arraycopy(good, 0, content, 0, good.length);
        content[good.length] = (byte) 0xFC;
        System.arraycopy(rest, 0, content, good.length + 1, rest.length);
        Path file = Files.write(folder.resolve("mixed.ndjson"), content);

        try (NdjsonReader reader = NdjsonReader.open(file)) {
            assertThat(readAll(reader))
                    .extracting(Row::problem)
                    .containsExactly(null, TextInput.notValidText(StandardCharsets.UTF_8), null);
        }
    }
}
