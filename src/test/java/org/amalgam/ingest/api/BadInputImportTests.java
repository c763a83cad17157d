package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never hurts: whatever a department sends, the import ends with a clear failure or clear per-row
 * rejections, never a 500 and never a silent loss (read = created + updated + unchanged + rejected).
 */
@ApplicationTest
class BadInputImportTests {

    private static final String HEADER = "id,first_name,last_name,email\n";

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
        source = api.createSource("bad-", 10);
        word = uniqueWord();
    }

    private JsonNode importFile(String type, String fileName, byte[] content) {
        ResponseEntity<String> accepted = api.upload(source, type, fileName, content, null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
        assertNothingSilentlyLost(job);
        return job;
    }

    private JsonNode importPersons(String fileName, String content) {
        return importFile("person", fileName, content.replace("WORD", word).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNothingSilentlyLost(JsonNode job) {
        JsonNode counts = job.get("counts");
        assertThat(counts.get("read").asLong())
                .as("read = created + updated + unchanged + rejected in %s", job)
                .isEqualTo(counts.get("created").asLong()
                        + counts.get("updated").asLong()
                        + counts.get("unchanged").asLong()
                        + counts.get("rejected").asLong());
    }

    private static void assertFailed(JsonNode job, String... phrases) {
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains(phrases).doesNotContain("internal error");
    }

    private JsonNode rejections(JsonNode job) {
        ResponseEntity<String> response =
                api.get("/api/v1/imports/" + job.get("id").asString() + "/rejections");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private List<String> storedKeys() {
        return jdbc.sql(
                        """
                        select r.source_key from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source order by r.source_key
                        """)
                .param("source", source)
                .query(String.class)
                .list();
    }

    private String raw(String key, String field) {
        return jdbc.sql(
                        """
                        select r.raw ->> :field from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("field", field)
                .param("source", source)
                .param("key", key)
                .query(String.class)
                .single();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private String goldenId(String type, String key) {
        return jdbc.sql(
                        """
                        select x.golden_id::text from crosswalk x
                          join source_record r on r.id = x.source_record_id
                          join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("source", source)
                .param("key", key)
                .query(String.class)
                .single();
    }

    private static List<CSVRecord> csv(String text) {
        try {
            return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCsvFileCutOffInTheMiddleOfARowRejectsThatRowAndStoresTheOthers() {
        JsonNode job = importPersons("people.csv", HEADER + "t1,Ann,WORD,ann@example.com\nt2,Bo");

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(counts(job)).isEqualTo("read=2 created=1 updated=0 unchanged=0 rejected=1");
        JsonNode rejection = rejections(job).get(0);
        assertThat(rejection.get("row").asLong()).isEqualTo(2);
        assertThat(rejection.get("raw").asString()).isEqualTo("t2,Bo");
        assertThat(rejection.get("reasons").get(0).asString()).contains("2 fields but the header has 4");
    }

    @Test
    void aJsonFileCutOffFailsNamingTheRowAfterWhichItBrokeAndStoresNothing() {
        JsonNode job = importPersons(
                "people.json",
                "[{\"id\": \"j1\", \"last_name\": \"WORD\"},\n {\"id\": \"j2\"},\n {\"id\": \"j3\", \"la");

        assertFailed(job, "after row 2", "cut off", "nothing was imported");
        assertThat(counts(job)).isEqualTo("read=0 created=0 updated=0 unchanged=0 rejected=0");
        assertThat(storedKeys()).isEmpty();
    }

    @Test
    void aBinaryFileWithAnUnknownNameFailsAsNotAText() {
        byte[] noise = new byte[50_000];
        new Random(42).nextBytes(noise);

        JsonNode job = importFile("person", "export.dat", noise);

        assertFailed(job, "not a text file");
    }

    @Test
    void aSemicolonFileNamedCsvIsSplitAtItsSemicolonsWithCommasKeptInValues() {
        JsonNode job = importPersons("people.csv", "id;first_name;last_name;city\ns1;Ann;WORD, Jr.;Berlin, Mitte\n");

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(raw("s1", "last_name")).isEqualTo(word + ", Jr.");
        assertThat(raw("s1", "city")).isEqualTo("Berlin, Mitte");
    }

    @Test
    void aSingleColumnFileKeepsTheCommasInItsQuotedValues() {
        JsonNode job = importPersons("keys.csv", "id\n\"k,1\"\n\"k,2\"\n");

        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(storedKeys()).containsExactly("k,1", "k,2");
    }

    @Test
    void raggedRowsAreRejectedWithTheirFieldCountsAndTheOthersAreStored() {
        JsonNode job = importPersons(
                "people.csv",
                HEADER + "r1,Ann,WORD,ann@example.com\nr2,Bob\nr3,Carl,WORD,carl@example.com,extra,more\n"
                        + "r4,Dora,WORD,dora@example.com\n");

        assertThat(counts(job)).isEqualTo("read=4 created=2 updated=0 unchanged=0 rejected=2");
        JsonNode rejections = rejections(job);
        assertThat(rejections.get(0).get("reasons").get(0).asString()).contains("2 fields but the header has 4");
        assertThat(rejections.get(1).get("reasons").get(0).asString()).contains("6 fields but the header has 4");
        assertThat(storedKeys()).containsExactly("r1", "r4");
    }

    @Test
    void anUnclosedQuoteInALaterRowFailsAfterStoringTheRowsBeforeIt() {
        JsonNode job =
                importPersons("people.csv", HEADER + "q1,Ann,WORD,\nq2,Bob,WORD,\nq3,\"Carl,WORD,\nq4,Dora,WORD,\n");

        assertFailed(job, "after row 2", "unclosed quote");
        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(storedKeys()).containsExactly("q1", "q2");
    }

    @Test
    void aFieldOfTenMegabytesIsStoredWhole() {
        String note = "Lorem ipsum dolor sit amet, ".repeat(10 * 1024 * 1024 / 28 + 1);

        JsonNode job = importPersons("people.csv", "id,last_name,notes\nbig,WORD,\"" + note + "\"\nsmall,WORD,short\n");

        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(raw("big", "notes")).isEqualTo(note);
        assertThat(raw("small", "notes")).isEqualTo("short");
    }

    private JsonNode importSnapshot(String fileName, byte[] content) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(
                "file",
                new HttpEntity<>(
                        new ByteArrayResource(content) {
                            @Override
                            public String getFilename() {
                                return fileName;
                            }
                        },
                        headers));
        ResponseEntity<String> accepted =
                api.postMultipart("/api/v1/sources/" + source + "/imports?type=person&snapshot=true", parts);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
        assertNothingSilentlyLost(job);
        return job;
    }

    private List<String> liveKeys() {
        return jdbc.sql(
                        """
                        select r.source_key from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and not r.deleted order by r.source_key
                        """)
                .param("source", source)
                .query(String.class)
                .list();
    }

    @Test
    void aSnapshotWithALineThatCannotBeReadStoresTheOtherRowsAndDeletesNothing() {
        api.importSnapshot(source, HEADER + "k1,Ann,WORD,\nk2,Bob,WORD,\nk3,Carl,WORD,\n".replace("WORD", word));

        JsonNode job = importSnapshot(
                "people.ndjson",
                ("{\"id\": \"k1\", \"first_name\": \"Anna\", \"last_name\": \"" + word + "\"}\n"
                                + "{\"id\": \"k2\", \"first_na\n")
                        .getBytes(StandardCharsets.UTF_8));

        assertFailed(job, "could not be read well enough", "nothing was deleted");
        assertThat(counts(job)).isEqualTo("read=2 created=0 updated=1 unchanged=0 rejected=1");
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(liveKeys()).containsExactly("k1", "k2", "k3");
    }

    @Test
    void aSnapshotKeepsTheRecordOfARowRejectedForBytesOfAnotherEncoding() {
        api.importSnapshot(source, HEADER + "k1,Zoë Ødegård,WORD,\nk2,Bob,WORD,\n".replace("WORD", word));

        JsonNode job = importSnapshot(
                "people.csv",
                concat(
                        (HEADER + "k1,Zoë Ødegård," + word + ",\nk2,J").getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xFC},
                        ("rgen," + word + ",\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(counts(job)).isEqualTo("read=2 created=0 updated=0 unchanged=1 rejected=1");
        assertThat(rejections(job).get(0).get("reasons").get(0).asString()).contains("not valid UTF-8");
        assertThat(liveKeys()).containsExactly("k1", "k2");
    }

    @Test
    void aKeyTooLongToIndexIsARejectedRow() {
        StringBuilder key = new StringBuilder();
        Random random = new Random(7);
        while (key.length() < 20_000) {
            key.append((char) ('a' + random.nextInt(26)));
        }

        JsonNode job = importPersons("people.csv", HEADER + key + ",Ann,WORD,\nk2,Bob,WORD,\n");

        assertThat(counts(job)).isEqualTo("read=2 created=1 updated=0 unchanged=0 rejected=1");
        assertThat(rejections(job).get(0).get("reasons").get(0).asString())
                .isEqualTo("the source key (column 'id') is 20000 characters long; a key has at most 512");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE"})
    void aByteOrderMarkIsSkippedSoTheFirstColumnKeepsItsName(String charset) {
        byte[] content = "\uFEFFid,first_name,last_name\nb1,Zoë,WORD\n"
                .replace("WORD", word)
                .getBytes(Charset.forName(charset));

        JsonNode job = importFile("person", "people.csv", content);

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(raw("b1", "first_name")).isEqualTo("Zoë");
    }

    @Test
    void windows1252BytesInAUtf8FileRejectOnlyTheRowsThatHoldThem() {
        // past the part read to tell the encoding, in a few hundred rows: thousands of copies of one person would
        // be the first large load of the shared test database, and the matcher would learn its weights from them
        String notes = "lorem ipsum dolor sit amet ".repeat(6);
        StringBuilder rows = new StringBuilder("id,first_name,last_name,notes\nu0,Zoë Ødegård,WORD,first\n");
        int count = 1;
        while (rows.length() < 70 * 1024) {
            rows.append("u").append(count++).append(",Ann,WORD,").append(notes).append('\n');
        }
        byte[] content = concat(
                rows.toString().replace("WORD", word).getBytes(StandardCharsets.UTF_8),
                ("m1,Jürgen," + word + ",last\n").getBytes(Charset.forName("windows-1252")),
                ("m2,Jürgen," + word + ",last\n").getBytes(StandardCharsets.UTF_8));

        JsonNode job = importFile("person", "people.csv", content);

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("counts").get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("counts").get("created").asLong()).isEqualTo(count + 1);
        JsonNode rejection = rejections(job).get(0);
        assertThat(rejection.get("raw").asString()).isEqualTo("m1,J\uFFFDrgen," + word + ",last");
        assertThat(rejection.get("reasons").get(0).asString())
                .contains("not valid UTF-8")
                .contains("mixes character encodings");
        assertThat(raw("m2", "first_name")).isEqualTo("Jürgen");
    }

    @Test
    void formulaInjectionIsStoredVerbatimAndNeutralizedInCsvDownloads() {
        String[] formulas = {
            "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0"
        };
        // four companies, each with its own phone (a shared number would rightly make two of them one company)
        String[] areaCodes = {"30", "89", "221", "711"};
        StringBuilder file = new StringBuilder("id,name,phone\n");
        for (int i = 0; i < formulas.length; i++) {
            file.append("f")
                    .append(i)
                    .append(",\"")
                    .append(formulas[i].replace("\"", "\"\""))
                    .append(' ')
                    .append(word)
                    .append("\",+49 ")
                    .append(areaCodes[i])
                    .append(" 1234567\n");
        }
        file.append("=1+2,too few fields\n");

        JsonNode job =
                importFile("organization", "companies.csv", file.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(counts(job)).isEqualTo("read=5 created=4 updated=0 unchanged=0 rejected=1");
        for (int i = 0; i < formulas.length; i++) {
            assertThat(raw("f" + i, "name")).as("stored verbatim").isEqualTo(formulas[i] + " " + word);
        }

        ResponseEntity<String> export = api.get("/golden/organization/export.csv?q=" + word);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<CSVRecord> lines = csv(export.getBody());
        List<String> cells = new ArrayList<>();
        lines.subList(1, lines.size()).forEach(line -> line.forEach(cells::add));
        assertThat(cells)
                .filteredOn(cell -> cell.contains("cmd|"))
                .hasSize(formulas.length)
                .allSatisfy(cell -> assertThat(cell).startsWith("'"));
        assertThat(cells)
                .as("a phone number is data, not a formula")
                .filteredOn(cell -> cell.contains("1234567"))
                .isNotEmpty()
                .allSatisfy(phone -> assertThat(phone).startsWith("+49"));

        ResponseEntity<String> rejected = api.get("/imports/" + job.get("id").asString() + "/rejections.csv");
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv(rejected.getBody()).get(1).get(2)).isEqualTo("'=1+2,too few fields");
    }

    @Test
    void htmlInValuesIsStoredVerbatimAndShownEscaped() {
        String script = "<script>alert('" + word + "')</script>";
        String file = "id,name\nh1,\"" + script + "\"\n,\"" + script + "\"\n";

        JsonNode job = importFile("organization", "companies.csv", file.getBytes(StandardCharsets.UTF_8));

        assertThat(counts(job)).isEqualTo("read=2 created=1 updated=0 unchanged=0 rejected=1");
        assertThat(raw("h1", "name")).isEqualTo(script);
        ResponseEntity<String> detail = api.get("/golden/organization/" + goldenId("organization", "h1"));
        assertThat(detail.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(detail.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(detail.getBody()).contains("&lt;script&gt;alert(").doesNotContain("<script>alert");
        ResponseEntity<String> jobPage = api.get("/imports/" + job.get("id").asString());
        assertThat(jobPage.getBody()).contains("&lt;script&gt;alert(").doesNotContain("<script>alert");
    }

    @Test
    void aJsonFileThatIsAnObjectInsteadOfAnArrayFailsSayingSo() {
        JsonNode job = importPersons("people.json", "{\n  \"records\": [{\"id\": \"p1\"}]\n}\n");

        assertFailed(job, "The file is JSON but not an array of objects", "one object per line");
        assertThat(storedKeys()).isEmpty();
    }

    @Test
    void aJsonFileThatIsOneValueFailsSayingWhatItHolds() {
        JsonNode job = importPersons("people.json", "\"just a string\"");

        assertFailed(job, "The file is JSON but not an array of objects: it holds a single value (a string)");
    }

    @Test
    void aJsonElementThatIsNotAnObjectIsARejectedRow() {
        JsonNode job = importPersons("people.json", "[{\"id\": \"e1\", \"last_name\": \"WORD\"}, 42, [\"e3\"]]");

        assertThat(counts(job)).isEqualTo("read=3 created=1 updated=0 unchanged=0 rejected=2");
        JsonNode rejections = rejections(job);
        assertThat(rejections.get(0).get("raw").asString()).isEqualTo("42");
        assertThat(rejections.get(0).get("reasons").get(0).asString()).contains("a number, not an object");
        assertThat(rejections.get(1).get("raw").asString()).isEqualTo("[\"e3\"]");
    }

    @Test
    void aBrokenNdjsonLineIsOneRejectedRowAndTheOthersAreStored() {
        JsonNode job = importPersons(
                "people.ndjson",
                "{\"id\": \"n1\", \"last_name\": \"WORD\"}\n{\"id\": \"n2\", \"last_name\": \"WO\n\n"
                        + "{\"id\": \"n3\", \"last_name\": \"WORD\"}\n");

        assertThat(counts(job)).isEqualTo("read=3 created=2 updated=0 unchanged=0 rejected=1");
        JsonNode rejection = rejections(job).get(0);
        assertThat(rejection.get("row").asLong()).isEqualTo(2);
        assertThat(rejection.get("raw").asString()).isEqualTo("{\"id\": \"n2\", \"last_name\": \"WO");
        assertThat(rejection.get("reasons").get(0).asString()).startsWith("the line is not valid JSON");
        assertThat(storedKeys()).containsExactly("n1", "n3");
    }

    @Test
    void anXlsxThatIsAZipOfSomethingElseFailsSayingItIsNoWorkbook() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("holiday.jpg"));
            out.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00});
            out.closeEntry();
        }

        JsonNode job = importFile("person", "people.xlsx", zip.toByteArray());

        assertFailed(job, "The file is not an Excel workbook (.xlsx)", "zip archive of other files");
    }

    @Test
    void aCsvFileNamedXlsxFailsSayingItIsNoWorkbook() {
        JsonNode job = importPersons("people.xlsx", HEADER + "x1,Ann,WORD,\n");

        assertFailed(job, "The file is not an Excel workbook (.xlsx)", ".csv");
    }

    @Test
    void anOldExcelFileFailsSayingHowToSaveIt() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};

        JsonNode job = importFile("person", "people.xls", ole2);

        assertFailed(job, "Excel 97-2003", "save it as an Excel workbook (.xlsx)");
    }

    @Test
    void aFileOfBlankLinesFailsAsEmpty() {
        assertFailed(importPersons("people.csv", "\n\r\n\n"), "The file is empty");
        assertFailed(importPersons("people.json", "  \n  "), "The file is empty");
    }

    @Test
    void aHeaderOnlyCompletesWithNothingRead() {
        JsonNode job = importPersons("people.csv", HEADER);

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(counts(job)).isEqualTo("read=0 created=0 updated=0 unchanged=0 rejected=0");
    }
}
