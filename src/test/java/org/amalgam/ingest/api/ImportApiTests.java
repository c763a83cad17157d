package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class ImportApiTests {

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
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    private String people(String... rows) {
        return "id,first_name,last_name,email\n" + String.join("\n", rows).replace("WORD", word) + "\n";
    }

    /** source key to golden id, from the crosswalk of this test's source system. */
    private Map<String, UUID> crosswalk() {
        ResponseEntity<String> response =
                api.get("/api/v1/crosswalk/person?source=" + source, MediaType.parseMediaType("application/x-ndjson"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, UUID> goldenIds = new HashMap<>();
        response.getBody()
                .lines()
                .map(AmalgamApi::json)
                .forEach(line -> goldenIds.put(
                        line.get("sourceKey").asString(),
                        UUID.fromString(line.get("goldenId").asString())));
        return goldenIds;
    }

    private JsonNode golden(UUID id) {
        ResponseEntity<String> response = api.get("/api/v1/golden/person/" + id);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private long storedVersions() {
        return jdbc.sql(
                        """
                        select count(*) from source_record_version v
                          join source_record r on r.id = v.source_record_id
                          join source_system s on s.id = r.source_id
                         where s.code = :source
                        """)
                .param("source", source)
                .query(Long.class)
                .single();
    }

    @Test
    void acceptsAFileAndAnswersWithTheJobAndWhereToFollowIt() {
        ResponseEntity<String> accepted = api.upload(
                source,
                "person",
                "people.csv",
                people("p1,Ann,WORD,ann.WORD@example.com").getBytes(StandardCharsets.UTF_8),
                null);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = json(accepted).get("id").asString();
        assertThat(accepted.getHeaders().getLocation()).isNotNull();
        assertThat(accepted.getHeaders().getLocation().getPath()).isEqualTo("/api/v1/imports/" + id);

        JsonNode job = api.awaitFinished(UUID.fromString(id));
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("source").asString()).isEqualTo(source);
        assertThat(job.get("type").asString()).isEqualTo("person");
        assertThat(job.get("fileName").asString()).isEqualTo("people.csv");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
    }

    @Test
    void rowsWithTheSameEmailBecomeOneGoldenRecordAndOthersStaySeparate() {
        JsonNode job = api.importPersons(
                source,
                people(
                        "p1,Ann,WORD,ann.WORD@example.com",
                        "p2,Annie,WORD,  ANN.WORD@Example.COM  ",
                        "p3,Bob,WORD,bob.WORD@example.com",
                        "p4,Carl,WORD,"));

        assertThat(counts(job)).isEqualTo("read=4 created=4 updated=0 unchanged=0 rejected=0");
        Map<String, UUID> goldenIds = crosswalk();
        assertThat(goldenIds).containsOnlyKeys("p1", "p2", "p3", "p4");
        assertThat(goldenIds.get("p2")).isEqualTo(goldenIds.get("p1"));
        assertThat(List.of(goldenIds.get("p1"), goldenIds.get("p3"), goldenIds.get("p4")))
                .doesNotHaveDuplicates();
        List<String> members = new ArrayList<>();
        golden(goldenIds.get("p1"))
                .get("crosswalk")
                .forEach(entry -> members.add(entry.get("sourceKey").asString()));
        assertThat(members).containsExactly("p1", "p2");
    }

    @Test
    void rejectedRowsAreListedWithRowNumberRawContentAndReasons() {
        JsonNode job = api.importPersons(
                source,
                people(
                        "r1,Ann,WORD,ann.WORD@example.com",
                        ",Nokey,WORD,nokey.WORD@example.com",
                        "r3,Too,Many,fields.WORD@example.com,extra",
                        "r4,Dora,WORD,dora.WORD@example.com"));

        assertThat(counts(job)).isEqualTo("read=4 created=2 updated=0 unchanged=0 rejected=2");
        ResponseEntity<String> response =
                api.get("/api/v1/imports/" + job.get("id").asString() + "/rejections");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode rejections = json(response);
        assertThat(rejections.size()).isEqualTo(2);

        JsonNode missingKey = rejections.get(0);
        assertThat(missingKey.get("row").asLong()).isEqualTo(2);
        assertThat(missingKey.get("raw").asString()).contains(",Nokey," + word + ",nokey." + word + "@example.com");
        assertThat(missingKey.get("reasons").get(0).asString())
                .contains("source key")
                .contains("'id'");

        JsonNode extraField = rejections.get(1);
        assertThat(extraField.get("row").asLong()).isEqualTo(3);
        assertThat(extraField.get("raw").asString()).endsWith(",extra");
        assertThat(extraField.get("reasons").get(0).asString())
                .contains("5 fields")
                .contains("header has 4");

        assertThat(crosswalk()).containsOnlyKeys("r1", "r4");
    }

    @Test
    void aFileOfManyChunksKeepsFileOrderForRejectionsAndRepeatedKeys() {
        // rows go to the standardizing threads 500 at a time; what is counted and stored must not show it. Most rows
        // are rejected: fewer than 1,000 stored records leave the shared database's match weights alone
        List<String> rows = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        Map<Integer, String> repeated = Map.of(10, "Ann", 1200, "Bea", 2500, "Cleo");
        for (int i = 1; i <= 3000; i++) {
            if (repeated.containsKey(i)) {
                rows.add("dup," + repeated.get(i) + ",WORD,");
            } else if (i % 5 == 0) {
                rows.add("k" + i + ",Name" + i + ",WORD,");
            } else {
                rows.add(",Nokey" + i + ",WORD,");
                rejected.add((long) i);
            }
        }
        String file = people(rows.toArray(String[]::new));

        JsonNode job = api.importPersons(source, file);

        assertThat(counts(job)).isEqualTo("read=3000 created=598 updated=2 unchanged=0 rejected=2400");
        JsonNode rejections = json(api.get("/api/v1/imports/" + job.get("id").asString() + "/rejections"));
        List<Long> rowNumbers = new ArrayList<>();
        rejections.forEach(rejection -> {
            rowNumbers.add(rejection.get("row").asLong());
            assertThat(rejection.get("raw").asString())
                    .startsWith(",Nokey" + rejection.get("row").asLong() + ",");
        });
        assertThat(rowNumbers).containsExactlyElementsOf(rejected);
        List<String> dupVersions = jdbc.sql(
                        """
                        select v.attributes ->> 'first_name' from source_record_version v
                          join source_record r on r.id = v.source_record_id
                          join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = 'dup' order by v.version
                        """)
                .param("source", source)
                .query(String.class)
                .list();
        assertThat(dupVersions).containsExactly("Ann", "Bea", "Cleo");

        JsonNode again = api.importPersons(source, file);

        assertThat(counts(again))
                .as("only the repeated key changes again, once per row that holds it")
                .isEqualTo("read=3000 created=0 updated=3 unchanged=597 rejected=2400");
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String file = people("p1,Ann,WORD,ann.WORD@example.com", "p2,Bob,WORD,bob.WORD@example.com");
        api.importPersons(source, file);
        Map<String, UUID> before = crosswalk();
        long versionsBefore = storedVersions();

        JsonNode again = api.importPersons(source, file);

        assertThat(counts(again)).isEqualTo("read=2 created=0 updated=0 unchanged=2 rejected=0");
        assertThat(storedVersions()).isEqualTo(versionsBefore).isEqualTo(2);
        assertThat(crosswalk()).isEqualTo(before);
        assertThat(golden(before.get("p1")).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aChangedRowIsStoredAsANewVersionAndUpdatesItsGoldenRecord() {
        api.importPersons(source, people("p1,Ann,WORD,ann.WORD@example.com", "p2,Bob,WORD,bob.WORD@example.com"));

        JsonNode job = api.importPersons(
                source, people("p1,Ann,WORD,ann.WORD@example.com", "p2,Robert,WORD,bob.WORD@example.com"));

        assertThat(counts(job)).isEqualTo("read=2 created=0 updated=1 unchanged=1 rejected=0");
        assertThat(storedVersions()).isEqualTo(3);
        Map<String, UUID> goldenIds = crosswalk();
        JsonNode robert = golden(goldenIds.get("p2"));
        assertThat(robert.get("values").get("first_name").asString()).isEqualTo("Robert");
        assertThat(robert.get("version").asInt()).isEqualTo(2);
        assertThat(golden(goldenIds.get("p1")).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aMappingMapsColumnsFormatsAndTemplates() {
        String file =
                """
                rec_id,given_name,surname,date_of_birth,street_number,address_1,mail,shoe_size
                m1,Ann,WORD,19800105,12,Main Street,Ann.WORD@Example.com,38
                """
                        .replace("WORD", word);
        String mapping =
                """
                {"key": "rec_id",
                 "attributes": {
                   "first_name": "given_name",
                   "last_name": "surname",
                   "birth_date": {"column": "date_of_birth", "format": "yyyyMMdd"},
                   "street": {"template": "{street_number} {address_1}"},
                   "email": "mail"}}
                """;

        JsonNode job = api.importFile(source, "people.csv", file, mapping);

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        JsonNode values = golden(crosswalk().get("m1")).get("values");
        assertThat(values.get("first_name").asString()).isEqualTo("Ann");
        assertThat(values.get("last_name").asString()).isEqualTo(word);
        assertThat(values.get("birth_date").asString()).isEqualTo("1980-01-05");
        assertThat(values.get("street").asString()).isEqualTo("12 Main Street");
        assertThat(values.get("email").asString()).isEqualTo("ann." + word.toLowerCase() + "@example.com");
        String raw = jdbc.sql(
                        """
                        select r.raw ->> 'shoe_size' from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = 'm1'
                        """)
                .param("source", source)
                .query(String.class)
                .single();
        assertThat(raw)
                .as("a column that maps to nothing is kept in the raw payload")
                .isEqualTo("38");
    }

    @Test
    void aMappingCanBeSentAsAJsonFilePart() {
        ResponseEntity<String> accepted = api.uploadWithMappingFile(
                source,
                "person",
                "ref;mail\nk1;ann." + word + "@example.com\n",
                "{\"key\": \"ref\", \"attributes\": {\"email\": \"mail\"}}");

        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(crosswalk()).containsOnlyKeys("k1");
    }

    @Test
    void aMappingThatDoesNotFitTheModelIsRefusedAtOnceNamingTheField() {
        ResponseEntity<String> response = api.upload(
                source,
                "person",
                "people.csv",
                people("p1,Ann,WORD,").getBytes(StandardCharsets.UTF_8),
                "{\"attributes\": {\"nickname\": \"first_name\"}}");

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(errorFields(problem)).containsExactly("attributes.nickname");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .contains("'nickname' is not an attribute of person");
    }

    @Test
    void aMappingThatIsNotJsonIsRefusedAtOnce() {
        ResponseEntity<String> response = api.upload(
                source, "person", "people.csv", people("p1,Ann,WORD,").getBytes(StandardCharsets.UTF_8), "key=id");

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void aMappingThatDoesNotFitTheFileFailsTheJobNamingTheMissingColumn() {
        JsonNode job =
                api.importFile(source, "people.csv", people("p1,Ann,WORD,"), "{\"attributes\": {\"email\": \"mail\"}}");

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString())
                .contains("the column 'mail' mapped to email is not in the file")
                .contains("Columns in the file: id, first_name, last_name, email");
    }

    @Test
    void readsAWindows1252File() {
        byte[] file = "id;first_name;last_name;city\nw1;Jürgen;WORD;Köln\n"
                .replace("WORD", word)
                .getBytes(Charset.forName("windows-1252"));
        ResponseEntity<String> accepted = api.upload(source, "person", "people.csv", file, null);

        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        JsonNode values = golden(crosswalk().get("w1")).get("values");
        assertThat(values.get("first_name").asString()).isEqualTo("Jürgen");
        assertThat(values.get("city").asString()).isEqualTo("Köln");
    }

    @Test
    void aFileWithAnUnclosedQuoteFailsWithAMessageThatSaysWhere() {
        JsonNode job = api.importPersons(source, people("p1,Ann,WORD,", "p2,\"Bob,WORD,", "p3,Carl,WORD,"));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("after row 1").contains("unclosed quote");
    }

    @Test
    void aFileWithAnUnclosedQuoteInItsHeaderFailsWithAMessageAboutTheFile() {
        JsonNode job = api.importPersons(source, "id,\"first_name,email\np1,Ann,ann@example.com\n");

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("quote").doesNotContain("internal error");
    }

    @Test
    void aBinaryFileFailsAsNotText() {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x1A, 0x2B, 0x00, 0x00};
        ResponseEntity<String> accepted = api.upload(source, "person", "people.csv", zip, null);

        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("not a text file");
    }

    @Test
    void anEmptyFileIsRefusedAtOnce() {
        JsonNode problem =
                assertProblem(api.upload(source, "person", "people.csv", new byte[0], null), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("empty");
    }

    @Test
    void anUploadWithoutAFilePartIsRefused() {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("mapping", "{}");

        JsonNode problem = assertProblem(api.postMultipart(source, "person", parts), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("'file'");
    }

    @Test
    void anUploadMustSayWhichEntityTypeTheFileHolds() {
        JsonNode problem = assertProblem(
                api.upload(source, null, "people.csv", people("p1,Ann,WORD,").getBytes(StandardCharsets.UTF_8), null),
                HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("type=person");
    }

    @Test
    void anUploadForAnUnknownEntityTypeIsNotFound() {
        JsonNode problem = assertProblem(
                api.upload(
                        source, "unicorn", "people.csv", people("p1,Ann,WORD,").getBytes(StandardCharsets.UTF_8), null),
                HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains("unicorn").contains("person");
    }

    @Test
    void anUploadForAnUnknownSourceSystemIsNotFound() {
        String unknown = unique("nowhere-");

        JsonNode problem = assertProblem(
                api.upload(
                        unknown, "person", "people.csv", people("p1,Ann,WORD,").getBytes(StandardCharsets.UTF_8), null),
                HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(unknown);
    }

    @Test
    void anUnknownImportJobIsNotFound() {
        UUID id = UUID.randomUUID();

        assertProblem(api.get("/api/v1/imports/" + id), HttpStatus.NOT_FOUND);
        assertProblem(api.get("/api/v1/imports/" + id + "/rejections"), HttpStatus.NOT_FOUND);
    }
}
