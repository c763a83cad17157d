package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every file format ends in the same pipeline: JSON arrays, NDJSON and Excel workbooks through the HTTP API. */
@ApplicationTest
class FileFormatImportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("formats-", 10);
        word = uniqueWord();
    }

    private JsonNode importFile(String fileName, byte[] content, String mapping) {
        ResponseEntity<String> accepted = api.upload(source, "person", fileName, content, mapping);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        return job;
    }

    private JsonNode importText(String fileName, String content, String mapping) {
        return importFile(fileName, content.replace("WORD", word).getBytes(StandardCharsets.UTF_8), mapping);
    }

    private Map<String, Object> column(String key, String column) {
        String text = jdbc.sql(
                        """
                        select r.%s::text from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """
                                .formatted(column))
                .param("source", source)
                .param("key", key)
                .query(String.class)
                .single();
        return JSON.readValue(text, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    private static byte[] workbook(Consumer<XSSFWorkbook> content) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.accept(workbook);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aJsonArrayWithNestedObjectsIsImportedThroughAMappingOfDotPaths() {
        JsonNode job = importText(
                "people.json",
                """
                [{"id": "j1", "first_name": "Ann", "last_name": "WORD",
                  "contact": {"email": "Ann.WORD@Example.com"}, "address": {"city": "Köln"}, "tags": ["a", "b"]},
                 {"id": "j2", "first_name": "Bob", "last_name": "WORD", "birth_date": "1980-01-05"}]
                """,
                "{\"attributes\": {\"email\": \"contact.email\", \"city\": \"address.city\"}}");

        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        Map<String, Object> attributes = column("j1", "attributes");
        assertThat(attributes).containsEntry("email", "ann." + word.toLowerCase() + "@example.com");
        assertThat(attributes).containsEntry("city", "Köln");
        assertThat(column("j1", "raw"))
                .as("the raw payload holds the object's fields, flattened, and only those")
                .containsOnlyKeys("id", "first_name", "last_name", "contact.email", "address.city", "tags")
                .containsEntry("tags", "[\"a\",\"b\"]");
        assertThat(column("j2", "attributes")).containsEntry("birth_date", "1980-01-05");
    }

    @Test
    void theSameObjectsInALaterFileWithMoreFieldsAreUnchanged() {
        importText("people.json", "[{\"id\": \"s1\", \"last_name\": \"WORD\"}]", null);

        JsonNode again = importText(
                "people.json",
                "[{\"id\": \"s1\", \"last_name\": \"WORD\"}, {\"id\": \"s2\", \"last_name\": \"WORD\", \"city\": \"Oslo\"}]",
                null);

        assertThat(counts(again)).isEqualTo("read=2 created=1 updated=0 unchanged=1 rejected=0");
    }

    @Test
    void ndjsonIsImportedLineByLine() {
        JsonNode job = importText(
                "people.ndjson",
                "{\"id\": \"n1\", \"last_name\": \"WORD\", \"email\": \"n1@example.com\"}\n\n"
                        + "{\"id\": \"n2\", \"last_name\": \"WORD\", \"active\": true, \"score\": 1.50}\n",
                null);

        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(column("n1", "attributes")).containsEntry("email", "n1@example.com");
        assertThat(column("n2", "raw")).containsEntry("active", "true").containsEntry("score", "1.50");
    }

    @Test
    void anExcelWorkbookIsImportedWithDatesAndNumbersAsAPersonReadsThem() {
        byte[] file = workbook(workbook -> {
            Sheet sheet = workbook.createSheet("People");
            var header = sheet.createRow(0);
            String[] names = {"id", "first_name", "last_name", "birth_date", "phone", "shoe_size"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd.mm.yyyy"));
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue(1001);
            row.createCell(1).setCellValue("Ann");
            row.createCell(2).setCellValue(word);
            var birth = row.createCell(3);
            birth.setCellValue(LocalDate.of(1980, 1, 5));
            birth.setCellStyle(date);
            row.createCell(4).setCellValue(4930123456.0);
            row.createCell(5).setCellFormula("36+2");
        });

        JsonNode job = importFile("people.xlsx", file, null);

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(column("1001", "attributes")).containsEntry("birth_date", "1980-01-05");
        assertThat(column("1001", "raw"))
                .containsEntry("phone", "4930123456")
                .containsEntry("shoe_size", "38")
                .containsEntry("birth_date", "1980-01-05");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);

        JsonNode again = importFile("people.xlsx", file, null);

        assertThat(counts(again)).isEqualTo("read=1 created=0 updated=0 unchanged=1 rejected=0");
    }

    @Test
    void aFileWithAnUnknownNameIsReadByItsContent() {
        byte[] file = workbook(workbook -> {
            Sheet sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("id");
            sheet.createRow(1).createCell(0).setCellValue("w1");
        });

        assertThat(counts(importFile("export", file, null)))
                .isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(counts(importText("export.dat", "[{\"id\": \"w2\"}]", null)))
                .isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(counts(importText("export.dat", "{\"id\": \"w3\"}\n", null)))
                .isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
    }
}
