package org.amalgam.golden.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A steward's edits through the API: merge, the old id's redirect, split, override, history, asOf, change feed. */
@ApplicationTest
class GoldenStewardApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    AmalgamApi api;
    String crm;
    String erp;

    String surname;

    @BeforeEach
    void createSources() {
        api = AmalgamApi.asAdmin(port);
        crm = api.createSource("crm-", 10);
        erp = api.createSource("erp-", 50);
        // a last name no other test uses: the test database is shared, and the matcher rightly joins equal people
        surname = uniqueWord();
    }

    private UUID push(String source, String key, String body) {
        ResponseEntity<String> response = api.push(source, "person", key, body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return UUID.fromString(json(response).get("goldenId").asString());
    }

    private JsonNode golden(UUID id) {
        ResponseEntity<String> response = api.get("/api/v1/golden/person/" + id);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    /** What must come back exactly after merge and split: everything but the version counters and times. */
    private static JsonNode content(JsonNode record) {
        ObjectNode copy = (ObjectNode) record.deepCopy();
        copy.remove("version");
        copy.remove("updatedAt");
        return copy;
    }

    private JsonNode ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private long lastSequence() {
        return jdbc.sql("select coalesce(max(sequence), 0) from change_event")
                .query(Long.class)
                .single();
    }

    @Test
    void mergeRedirectsTheNewerIdAndASplitGivesBothRecordsBackExactly() throws InterruptedException {
        UUID older = push(
                crm,
                "c1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\", \"email\": \"ann@"
                        + surname.toLowerCase() + ".example\"}");
        push(
                crm,
                "c2",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\", \"email\": \"ann@"
                        + surname.toLowerCase() + ".example\"}");
        UUID newer = push(
                erp, "e1", "{\"first_name\": \"Annie\", \"last_name\": \"" + surname + "\", \"city\": \"Berlin\"}");
        JsonNode olderBefore = content(golden(older));
        JsonNode newerBefore = content(golden(newer));
        Thread.sleep(20);
        Instant beforeMerge = Instant.now();
        long sequence = lastSequence();

        JsonNode merged = ok(api.post(
                "/api/v1/golden/person/" + newer + "/merge",
                "{\"with\": \"" + older + "\", \"reason\": \"same person\"}"));

        assertThat(merged.get("id").asString()).as("the older id survives").isEqualTo(older.toString());
        assertThat(merged.get("values").get("city").asString()).isEqualTo("Berlin");
        assertThat(merged.get("values").get("first_name").asString()).isEqualTo("Ann");
        assertThat(merged.get("crosswalk")).hasSize(3);
        ResponseEntity<String> redirect = api.get("/api/v1/golden/person/" + newer);
        assertThat(redirect.getStatusCode().value()).isEqualTo(308);
        assertThat(redirect.getHeaders().getLocation()).hasToString("/api/v1/golden/person/" + older);
        assertThat(json(redirect).get("mergedInto").asString()).isEqualTo(older.toString());

        JsonNode history = ok(api.get("/api/v1/golden/person/" + older + "/history"));
        assertThat(history.get(0).get("changeType").asString()).isEqualTo("MERGED");
        assertThat(history.get(0).get("changedBy").asString()).isEqualTo("admin");
        assertThat(history.get(0).get("reason").asString()).isEqualTo("same person");
        assertThat(history.get(0).get("details").get("mergedIds").get(0).asString())
                .isEqualTo(newer.toString());
        assertThat(history.get(0).get("diff").toString()).contains("\"attribute\":\"city\"", "\"change\":\"ADDED\"");
        JsonNode asOf = ok(api.get("/api/v1/golden/person/" + older + "?asOf=" + beforeMerge));
        assertThat(asOf.get("values").has("city"))
                .as("the version before the merge")
                .isFalse();

        JsonNode split = ok(api.post(
                "/api/v1/golden/person/" + older + "/split",
                "{\"source\": \"" + erp + "\", \"sourceKey\": \"e1\", \"reason\": \"not the same after all\"}"));

        assertThat(split.get("restored").asBoolean()).isTrue();
        assertThat(split.get("to").get("id").asString()).isEqualTo(newer.toString());
        assertThat(content(golden(older))).isEqualTo(olderBefore);
        assertThat(content(golden(newer))).isEqualTo(newerBefore);
        assertThat(jdbc.sql(
                                """
                        select count(*) from match_assertion a join source_record r on r.id in (a.record_a, a.record_b)
                         where a.kind = 'DIFFERENT' and a.status = 'ASSERTED' and r.source_key = 'e1'
                           and r.source_id = (select id from source_system where code = :erp)
                        """)
                        .param("erp", erp)
                        .query(Long.class)
                        .single())
                .as("the split-out record is DIFFERENT from both records that stayed")
                .isEqualTo(2);

        JsonNode events = ok(api.get("/api/v1/changes?after=" + sequence));
        List<String> types = new ArrayList<>();
        long previous = sequence;
        for (JsonNode event : events) {
            assertThat(event.get("sequence").asLong()).isGreaterThan(previous);
            previous = event.get("sequence").asLong();
            types.add(
                    event.get("goldenId").asString().equals(older.toString())
                            ? "older:" + event.get("type").asString()
                            : "newer:" + event.get("type").asString());
        }
        assertThat(types).containsExactlyInAnyOrder("older:MERGED", "newer:MERGED", "older:SPLIT", "newer:SPLIT");
    }

    @Test
    void aStewardOverrideWinsUntilRemovedAndSurvivesRecomputation() {
        UUID id = push(
                crm,
                "c1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\", \"birth_date\": \"1990-02-01\"}");

        JsonNode overridden = ok(api.put(
                "/api/v1/golden/person/" + id + "/values/birth_date",
                "{\"value\": \"1990-02-03\", \"reason\": \"passport seen\"}"));
        push(
                crm,
                "c1",
                "{\"first_name\": \"Anna\", \"last_name\": \"" + surname + "\", \"birth_date\": \"1990-02-02\"}");
        JsonNode after = golden(id);

        assertThat(overridden.get("values").get("birth_date").asString()).isEqualTo("1990-02-03");
        assertThat(after.get("values").get("birth_date").asString())
                .as("survives a new source version")
                .isEqualTo("1990-02-03");
        assertThat(after.get("values").get("first_name").asString()).isEqualTo("Anna");
        JsonNode lineage = after.get("lineage").get("birth_date");
        assertThat(lineage.get("rule").asString()).isEqualTo("steward override");
        assertThat(lineage.get("override").get("by").asString()).isEqualTo("admin");
        assertThat(lineage.get("override").get("reason").asString()).isEqualTo("passport seen");
        assertThat(lineage.get("candidates").get(0).get("value").asString()).isEqualTo("1990-02-02");

        JsonNode removed = ok(api.delete("/api/v1/golden/person/" + id + "/values/birth_date"));

        assertThat(removed.get("values").get("birth_date").asString()).isEqualTo("1990-02-02");
        JsonNode history = ok(api.get("/api/v1/golden/person/" + id + "/history"));
        assertThat(history.get(0).get("changeType").asString()).isEqualTo("OVERRIDE_REMOVED");
        assertThat(history.get(2).get("changeType").asString()).isEqualTo("OVERRIDDEN");
        assertThat(history.get(2).get("reason").asString()).isEqualTo("passport seen");
    }

    @Test
    void deletingTheLastSourceRecordRetiresTheGoldenRecordWithADeletedEvent() {
        UUID id = push(crm, "c1", "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\"}");
        long sequence = lastSequence();

        api.delete("/api/v1/sources/" + crm + "/records/person/c1");

        assertThat(golden(id).get("status").asString()).isEqualTo("RETIRED");
        JsonNode events = ok(api.get("/api/v1/changes?after=" + sequence));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("goldenId").asString()).isEqualTo(id.toString());
            assertThat(e.get("type").asString()).isEqualTo("DELETED");
        });
    }

    @Test
    void editsExplainWhatIsWrong() {
        UUID id = push(crm, "c1", "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\"}");
        UUID other = push(crm, "c2", "{\"first_name\": \"Bob\", \"last_name\": \"" + surname + "\"}");

        assertThat(assertProblem(
                                api.post(
                                        "/api/v1/golden/person/" + id + "/merge",
                                        "{\"with\": \"" + id + "\", \"reason\": \"x\"}"),
                                HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("itself");
        assertProblem(
                api.post("/api/v1/golden/person/" + id + "/merge", "{\"with\": \"" + other + "\"}"),
                HttpStatus.BAD_REQUEST);
        assertThat(assertProblem(
                                api.put(
                                        "/api/v1/golden/person/" + id + "/values/shoe_size",
                                        "{\"value\": \"9\", \"reason\": \"x\"}"),
                                HttpStatus.NOT_FOUND)
                        .get("detail")
                        .asString())
                .contains("shoe_size", "birth_date");
        assertThat(assertProblem(
                                api.post(
                                        "/api/v1/golden/person/" + id + "/split",
                                        "{\"source\": \"" + crm + "\", \"sourceKey\": \"c1\", \"reason\": \"x\"}"),
                                HttpStatus.CONFLICT)
                        .get("detail")
                        .asString())
                .contains("no live source record left");
        assertThat(assertProblem(api.get("/api/v1/golden/person/" + id + "?asOf=2001-01-01"), HttpStatus.NOT_FOUND)
                        .get("detail")
                        .asString())
                .contains("did not exist yet");
        assertProblem(api.get("/api/v1/golden/person/" + id + "?asOf=yesterday"), HttpStatus.BAD_REQUEST);
        assertThat(assertProblem(api.get("/api/v1/changes?limit=0"), HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("limit");
    }

    @Test
    void aViewerMayReadButNotEdit() {
        String viewer = unique("viewer");
        users.create(viewer, "viewer-password", "Viewer", Role.VIEWER);
        AmalgamApi asViewer = AmalgamApi.as(port, viewer, "viewer-password");
        UUID id = push(crm, "c1", "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\"}");

        assertThat(asViewer.get("/api/v1/golden/person/" + id + "/history").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(
                asViewer.put(
                        "/api/v1/golden/person/" + id + "/values/city", "{\"value\": \"Rome\", \"reason\": \"x\"}"),
                HttpStatus.FORBIDDEN);
        assertProblem(asViewer.get("/api/v1/changes"), HttpStatus.FORBIDDEN);
    }
}
