package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class SnapshotImportTests {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final String HEADER = "id,first_name,last_name,email";

    @LocalServerPort
    int port;

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
        return (HEADER + "\n" + String.join("\n", rows) + "\n").replace("WORD", word);
    }

    private JsonNode snapshot(String... rows) {
        return api.importSnapshot(source, people(rows));
    }

    private static void assertCompleted(JsonNode job) {
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
    }

    private List<String> crosswalkKeys(String sourceCode) {
        ResponseEntity<String> response = api.get("/api/v1/crosswalk/person?source=" + sourceCode, NDJSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = response.getBody();
        return (body == null ? "" : body)
                .lines()
                .map(line -> json(line).get("sourceKey").asString())
                .toList();
    }

    private UUID xref(String sourceCode, String sourceKey) {
        ResponseEntity<String> response = api.get("/api/v1/xref/" + sourceCode + "/person/" + sourceKey);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return UUID.fromString(json(response).get("goldenId").asString());
    }

    private JsonNode golden(UUID id) {
        return json(api.get("/api/v1/golden/person/" + id));
    }

    @Test
    void aSecondSnapshotWithoutARecordDeletesItAndRetiresItsLoneGoldenRecord() {
        assertCompleted(snapshot(
                "k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example", "k3,Carl,WORD,carl@WORD.example"));
        UUID bob = xref(source, "k2");
        UUID ann = xref(source, "k1");

        JsonNode job = snapshot("k1,Ann,WORD,ann@WORD.example", "k3,Carl,WORD,carl@WORD.example");

        assertCompleted(job);
        assertThat(job.get("snapshot").asBoolean()).isTrue();
        assertThat(job.get("counts").get("deleted").asLong()).isEqualTo(1);
        assertThat(job.get("counts").get("unchanged").asLong())
                .as("records the snapshot holds unchanged are kept")
                .isEqualTo(2);
        assertThat(crosswalkKeys(source)).containsExactly("k1", "k3");
        assertProblem(api.get("/api/v1/xref/" + source + "/person/k2"), HttpStatus.NOT_FOUND);
        assertThat(golden(bob).get("status").asString()).isEqualTo("RETIRED");
        assertThat(golden(ann).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(api.get("/api/v1/golden/person?q=" + word)).get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void aSnapshotDeletionRecomputesAGoldenRecordThatAnotherSourceStillHolds() {
        String shop = api.createSource("shop-", 60);
        assertCompleted(snapshot("k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example"));
        assertCompleted(api.importPersons(shop, people("s1,Bobby,WORD,bob@WORD.example")));
        UUID bob = xref(source, "k2");
        assertThat(golden(bob).get("values").get("first_name").asString()).isEqualTo("Bob");

        assertCompleted(snapshot("k1,Ann,WORD,ann@WORD.example"));

        JsonNode golden = golden(bob);
        assertThat(golden.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(golden.get("values").get("first_name").asString()).isEqualTo("Bobby");
        assertThat(golden.get("crosswalk").size()).isEqualTo(1);
        assertThat(xref(shop, "s1")).isEqualTo(bob);
    }

    @Test
    void aSnapshotDeletesOnlyTheRecordsOfItsOwnSource() {
        String shop = api.createSource("shop-", 60);
        assertCompleted(api.importPersons(shop, people("s1,Sue,WORD,", "s2,Sam,WORD,")));
        assertCompleted(snapshot("k1,Ann,WORD,", "k2,Bob,WORD,"));

        JsonNode job = snapshot("k1,Ann,WORD,");

        assertThat(job.get("counts").get("deleted").asLong()).isEqualTo(1);
        assertThat(crosswalkKeys(source)).containsExactly("k1");
        assertThat(crosswalkKeys(shop)).containsExactly("s1", "s2");
    }

    @Test
    void aRecordMissingFromOneSnapshotComesBackWithALaterOne() {
        assertCompleted(snapshot("k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example"));
        UUID bob = xref(source, "k2");
        assertCompleted(snapshot("k1,Ann,WORD,ann@WORD.example"));

        JsonNode job = snapshot("k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example");

        assertCompleted(job);
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(crosswalkKeys(source)).containsExactly("k1", "k2");
        assertThat(xref(source, "k2")).isEqualTo(bob);
        assertThat(golden(bob).get("status").asString()).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ",Ann,WORD,ann@WORD.example\n,Bob,WORD,bob@WORD.example",
            })
    void aSnapshotWithoutAValidRowFailsClearlyAndDeletesNothing(String rows) {
        assertCompleted(snapshot("k1,Ann,WORD,", "k2,Bob,WORD,"));

        JsonNode job = api.importSnapshot(source, (HEADER + "\n" + rows + "\n").replace("WORD", word));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("no valid record").contains("nothing was deleted");
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(crosswalkKeys(source)).containsExactly("k1", "k2");
    }

    @Test
    void aRecordWhoseRowIsRejectedIsStillHeldBySnapshotAndNotDeleted() {
        assertCompleted(snapshot("k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example"));
        UUID bob = xref(source, "k2");

        // the file still holds k2, in a row with one field too many
        JsonNode job = snapshot("k1,Ann,WORD,ann@WORD.example", "k2,Bob,WORD,bob@WORD.example,extra");

        assertCompleted(job);
        assertThat(job.get("counts").get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(crosswalkKeys(source)).containsExactly("k1", "k2");
        assertThat(golden(bob).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void anImportThatIsNotASnapshotDeletesNothing() {
        assertCompleted(api.importPersons(source, people("k1,Ann,WORD,", "k2,Bob,WORD,")));

        JsonNode job = api.importPersons(source, people("k1,Ann,WORD,"));

        assertCompleted(job);
        assertThat(job.get("snapshot").asBoolean()).isFalse();
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(crosswalkKeys(source)).containsExactly("k1", "k2");
    }

    @Test
    void aSnapshotAfterPushedRecordsDeletesThePushedRecordsItDoesNotHold() {
        api.push(source, "person", "pushed", "{\"first_name\": \"Pia\", \"last_name\": \"" + word + "\"}");

        JsonNode job = snapshot("k1,Ann,WORD,");

        assertCompleted(job);
        assertThat(job.get("counts").get("deleted").asLong()).isEqualTo(1);
        assertThat(crosswalkKeys(source)).containsExactly("k1");
    }
}
