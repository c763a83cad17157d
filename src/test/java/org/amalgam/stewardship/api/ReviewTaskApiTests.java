package org.amalgam.stewardship.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniquePhone;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.model.EntityTypes;
import org.amalgam.stewardship.ReviewTasks;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Conflicts open and close themselves; decisions on conflicts and possible matches change the golden records. */
@ApplicationTest
class ReviewTaskApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ReviewTasks tasks;

    @Autowired
    EntityTypes entityTypes;

    AmalgamApi api;
    String crm;
    String erp;
    String email;
    String phone;

    String surname;

    @BeforeEach
    void createSources() {
        api = AmalgamApi.asAdmin(port);
        crm = api.createSource("crm-", 10);
        erp = api.createSource("erp-", 50);
        // a last name no other test uses: the test database is shared, and the matcher rightly joins equal people
        surname = uniqueWord();
        email = uniqueWord().toLowerCase() + "@example.com";
        phone = uniquePhone();
    }

    private UUID push(String source, String key, String body) {
        ResponseEntity<String> response =
                api.push(source, "person", key, body.replace("EMAIL", email).replace("PHONE", phone));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return UUID.fromString(json(response).get("goldenId").asString());
    }

    private List<JsonNode> conflicts(UUID golden, String status) {
        ResponseEntity<String> response =
                api.get("/api/v1/tasks?type=person&kind=CONFLICT&status=" + status + "&limit=500");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        List<JsonNode> found = new ArrayList<>();
        json(response).forEach(task -> {
            if (task.get("goldenId").asString().equals(golden.toString())) {
                found.add(task);
            }
        });
        return found;
    }

    private JsonNode decide(String taskId, String body) {
        ResponseEntity<String> response = api.post("/api/v1/tasks/" + taskId + "/decision", body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    @Test
    void sourcesThatDisagreeOnABirthDateOpenAConflictThatClosesWhenTheyAgreeAgain() {
        // one person as two departments send her: the same last name, e-mail and phone make her one
        UUID golden = push(
                crm,
                "c1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname
                        + "\", \"email\": \"EMAIL\", \"phone\": \"PHONE\"," + " \"birth_date\": \"1990-01-01\"}");
        assertThat(push(
                        erp,
                        "e1",
                        "{\"first_name\": \"Annie\", \"last_name\": \"" + surname + "\", \"email\": \"EMAIL\","
                                + " \"phone\": \"PHONE\", \"birth_date\": \"1990-01-02\"}"))
                .as("matched into one golden record")
                .isEqualTo(golden);

        List<JsonNode> open = conflicts(golden, "OPEN");

        assertThat(open)
                .as("first names differ too, but only birth_date is conflict-sensitive")
                .hasSize(1);
        JsonNode task = open.get(0);
        assertThat(task.get("attribute").asString()).isEqualTo("birth_date");
        List<String> candidates = new ArrayList<>();
        task.get("details")
                .get("candidates")
                .forEach(c -> candidates.add(c.get("value").asString() + "@"
                        + c.get("sources").get(0).get("source").asString()));
        assertThat(candidates).containsExactly("1990-01-01@" + crm, "1990-01-02@" + erp);

        push(
                erp,
                "e1",
                "{\"first_name\": \"Annie\", \"last_name\": \"" + surname
                        + "\", \"email\": \"EMAIL\", \"phone\": \"PHONE\"," + " \"birth_date\": \"1990-01-01\"}");

        assertThat(conflicts(golden, "OPEN")).isEmpty();
        JsonNode closed = json(api.get("/api/v1/tasks/" + task.get("id").asString()));
        assertThat(closed.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(closed.get("decision").asString()).isEqualTo("AGREED");
    }

    @Test
    void keepingAValueSetsAnOverrideAndTheSameDisagreementOpensNoNewTask() {
        UUID golden = push(crm, "c1", "{\"first_name\": \"Ann\", \"email\": \"EMAIL\", \"national_id\": \"A-1\"}");
        push(erp, "e1", "{\"first_name\": \"Ann\", \"email\": \"EMAIL\", \"national_id\": \"A-2\"}");
        String taskId = conflicts(golden, "OPEN").get(0).get("id").asString();

        JsonNode decided = decide(
                taskId,
                "{\"decision\": \"KEEP_VALUE\", \"source\": \"" + erp
                        + "\", \"sourceKey\": \"e1\", \"reason\": \"registry\"}");

        assertThat(decided.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(decided.get("resolvedBy").asString()).isEqualTo("admin");
        JsonNode record = json(api.get("/api/v1/golden/person/" + golden));
        assertThat(record.get("values").get("national_id").asString()).isEqualTo("A-2");
        assertThat(record.get("lineage").get("national_id").get("rule").asString())
                .isEqualTo("steward override");
        push(crm, "c1", "{\"first_name\": \"Anne\", \"email\": \"EMAIL\", \"national_id\": \"A-1\"}");
        assertThat(conflicts(golden, "OPEN")).as("the settled disagreement").isEmpty();

        push(crm, "c1", "{\"first_name\": \"Anne\", \"email\": \"EMAIL\", \"national_id\": \"A-3\"}");
        assertThat(conflicts(golden, "OPEN"))
                .as("a new value is a new disagreement")
                .hasSize(1);
        assertThat(assertProblem(
                                api.post("/api/v1/tasks/" + taskId + "/decision", "{\"decision\": \"DISMISS\"}"),
                                HttpStatus.CONFLICT)
                        .get("detail")
                        .asString())
                .contains("already resolved");
    }

    @Test
    void aConflictIsSettledWithAValueOfTheStewardsOwnOrDismissed() {
        UUID golden = push(
                crm,
                "c1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\", \"email\": \"EMAIL\","
                        + " \"phone\": \"PHONE\", \"birth_date\": \"1990-01-01\"}");
        push(
                erp,
                "e1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + surname + "\", \"email\": \"EMAIL\","
                        + " \"phone\": \"PHONE\", \"birth_date\": \"1990-01-02\"}");
        String taskId = conflicts(golden, "OPEN").get(0).get("id").asString();

        assertProblem(
                api.post("/api/v1/tasks/" + taskId + "/decision", "{\"decision\": \"MERGE\"}"), HttpStatus.BAD_REQUEST);
        decide(taskId, "{\"decision\": \"KEEP_VALUE\", \"value\": \"1990-01-03\", \"reason\": \"birth certificate\"}");

        JsonNode record = json(api.get("/api/v1/golden/person/" + golden));
        assertThat(record.get("values").get("birth_date").asString()).isEqualTo("1990-01-03");
        assertThat(record.get("lineage")
                        .get("birth_date")
                        .get("override")
                        .get("reason")
                        .asString())
                .isEqualTo("birth certificate");
    }

    @Test
    void aPossibleMatchIsMergedOrKeptApart() {
        long person = entityTypes.get("person").id();
        // three people the rules keep apart (whatever the weights learnt from other tests' records say about two
        // records that agree on a common name and nothing else): only the steward merges two of them
        UUID a = push(crm, "c1", "{\"first_name\": \"Ann\", \"last_name\": \"" + uniqueWord() + "\"}");
        UUID b = push(erp, "e1", "{\"first_name\": \"Ann\", \"last_name\": \"" + uniqueWord() + "\"}");
        UUID c = push(erp, "e2", "{\"first_name\": \"Anna\", \"last_name\": \"" + uniqueWord() + "\"}");
        UUID merge = tasks.openPossibleMatch(person, a, b, Map.of("score", 0.8));
        UUID apart = tasks.openPossibleMatch(person, a, c, Map.of("score", 0.6));

        assertThat(tasks.openPossibleMatch(person, b, a, Map.of()))
                .as("one open task per pair")
                .isEqualTo(merge);
        decide(merge.toString(), "{\"decision\": \"MERGE\", \"reason\": \"same phone\"}");
        decide(apart.toString(), "{\"decision\": \"NOT_A_MATCH\"}");

        assertThat(api.get("/api/v1/golden/person/" + b).getStatusCode().value())
                .isEqualTo(308);
        JsonNode task = json(api.get("/api/v1/tasks/" + apart));
        assertThat(task.get("decision").asString()).isEqualTo("NOT_A_MATCH");
        assertThat(json(api.get("/api/v1/golden/person/" + c)).get("status").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void filtersAreChecked() {
        assertThat(assertProblem(api.get("/api/v1/tasks?kind=QUARREL"), HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("CONFLICT");
        assertProblem(api.get("/api/v1/tasks?type=unicorn"), HttpStatus.NOT_FOUND);
        assertProblem(api.get("/api/v1/tasks/" + UUID.randomUUID()), HttpStatus.NOT_FOUND);
    }
}
