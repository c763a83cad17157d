package org.amalgam.golden.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Changing the rules safely: a dry run of a changed model counts the golden records that would be merged, split,
 * joined or change values, with samples, and writes nothing; saving it re-matches the type in the background with
 * stable ids, redirects for merged-away ids, restored ids for split-off records, and history that names the re-match.
 *
 * <p>Each test has an entity type of its own, so that re-matching it touches no other test's golden records. Its
 * records are few, so it matches with the starting weights: agreeing on a name is worth 9.7 bits, on an e-mail 19.7,
 * on a city 6.4, disagreeing on a value -5.5, and the prior -13.3. Two records with the same first and last name and
 * different e-mails score 0.68 bits (probability 0.62: reviewed at the default thresholds 0.9 and 0.5, merged at
 * 0.6); with the same city too they score 7.1 bits (0.993: merged at 0.9, apart at 0.995).
 */
@ApplicationTest
class RematchApiTests {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AmalgamApi api;
    String type;
    String crm;
    String erp;

    @BeforeEach
    void createTypeAndSources() {
        api = AmalgamApi.asAdmin(port);
        type = unique("rm");
        ResponseEntity<String> created = api.put("/api/v1/model/" + type, model(0.9, 0.5, null));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        crm = api.createSource("crm-", 10);
        erp = api.createSource("erp-", 50);
    }

    /** The test type's model: the given thresholds, and a survivorship chain for the city when not null. */
    static String model(double same, double possible, String cityChain) {
        return """
                {"name": "Rematch test",
                 "attributes": [{"name": "first_name", "type": "name"}, {"name": "last_name", "type": "name"},
                                {"name": "email", "type": "email"}, {"name": "city", "type": "text"}],
                 "match": {"thresholds": {"same": %s, "possible": %s},
                           "blocking": {"keys": [{"name": "last_name", "parts": ["exact(last_name)"]}]},
                           "comparisons": [{"attribute": "first_name", "levels": ["exact"]},
                                           {"attribute": "last_name", "levels": ["exact"]},
                                           {"attribute": "email", "levels": ["exact"]},
                                           {"attribute": "city", "levels": ["exact"]}]}%s}
                """
                .formatted(
                        same,
                        possible,
                        cityChain == null ? "" : ", \"survivorship\": {\"attributes\": {\"city\": " + cityChain + "}}");
    }

    private UUID push(String source, String key, String first, String last, String email, String city) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("first_name", first);
        values.put("last_name", last);
        if (email != null) {
            values.put("email", email);
        }
        if (city != null) {
            values.put("city", city);
        }
        StringBuilder body = new StringBuilder("{");
        values.forEach((k, v) -> body.append(body.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": \"")
                .append(v)
                .append('"'));
        body.append('}');
        ResponseEntity<String> response = api.push(source, type, key, body.toString());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return UUID.fromString(json(response).get("goldenId").asString());
    }

    /** The four small scenarios every test starts from; the golden ids after pushing them. */
    record Scenario(UUID x1, UUID x2, UUID y, UUID z) {}

    private Scenario scenario() {
        String x = uniqueName();
        String y = uniqueName();
        String z = uniqueName();
        // X: same names, different e-mails: reviewed now, merged under a looser same threshold
        UUID x1 = push(crm, "x1", "Ann", x, "ann1@" + x.toLowerCase() + ".example", null);
        UUID x2 = push(erp, "x2", "Ann", x, "ann2@" + x.toLowerCase() + ".example", null);
        // Y: same names and city, different e-mails: one golden record now, apart under a stricter one
        UUID y1 = push(crm, "y1", "Bob", y, "bob1@" + y.toLowerCase() + ".example", "Berlin");
        UUID y2 = push(erp, "y2", "Bob", y, "bob2@" + y.toLowerCase() + ".example", "Berlin");
        // Z: one person whose sources disagree on the city; the more trusted crm says Berlin
        UUID z1 = push(crm, "z1", "Cy", z, "cy@" + z.toLowerCase() + ".example", "Berlin");
        UUID z2 = push(erp, "z2", "Cy", z, "cy@" + z.toLowerCase() + ".example", "Hamburg");
        assertThat(x2).as("X is only a possible match at 0.9").isNotEqualTo(x1);
        assertThat(y2).as("Y is one golden record at 0.9").isEqualTo(y1);
        assertThat(z2).isEqualTo(z1);
        assertThat(golden(z1).get("values").get("city").asString()).isEqualTo("Berlin");
        return new Scenario(x1, x2, y1, z1);
    }

    private JsonNode golden(UUID id) {
        ResponseEntity<String> response = api.get("/api/v1/golden/" + type + "/" + id);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private JsonNode dryRun(String model) {
        ResponseEntity<String> response = api.post("/api/v1/model/" + type + "/dry-run", model);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private static String counts(JsonNode report) {
        JsonNode c = report.get("counts");
        return "merged=%d split=%d joined=%d valueChanged=%d unchanged=%d created=%d restored=%d moved=%d"
                .formatted(
                        c.get("merged").asInt(),
                        c.get("split").asInt(),
                        c.get("joined").asInt(),
                        c.get("valueChanged").asInt(),
                        c.get("unchanged").asInt(),
                        c.get("created").asInt(),
                        c.get("restored").asInt(),
                        c.get("movedRecords").asInt());
    }

    /** The number of rows of every table of the schema. */
    private Map<String, Long> tableSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : jdbc.sql(
                        """
                        select table_name from information_schema.tables
                         where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name
                        """)
                .query(String.class)
                .list()) {
            sizes.put(
                    table,
                    jdbc.sql("select count(*) from \"" + table + "\"")
                            .query(Long.class)
                            .single());
        }
        return sizes;
    }

    private String crosswalk(UUID golden) {
        return jdbc.sql(
                        """
                        select string_agg(s.code || ':' || r.source_key, ',' order by r.source_key)
                          from crosswalk c join source_record r on r.id = c.source_record_id
                          join source_system s on s.id = r.source_id where c.golden_id = :id
                        """)
                .param("id", golden)
                .query(String.class)
                .single();
    }

    @Test
    void aDryRunCountsMergesSplitsAndValueChangesWithSamplesAndWritesNothing() {
        Scenario s = scenario();
        // W: like X, but a steward said they are different people: no threshold merges them
        String w = uniqueName();
        UUID w1 = push(crm, "w1", "Dan", w, "dan1@" + w.toLowerCase() + ".example", null);
        UUID w2 = push(erp, "w2", "Dan", w, "dan2@" + w.toLowerCase() + ".example", null);
        JsonNode tasks = json(api.get("/api/v1/tasks?type=" + type + "&kind=POSSIBLE_MATCH&limit=500"));
        String wTask = null;
        for (JsonNode task : tasks) {
            if (List.of(w1.toString(), w2.toString())
                    .contains(task.get("goldenId").asString())) {
                wTask = task.get("id").asString();
            }
        }
        assertThat(wTask).as("the W pair waits for a steward: %s", tasks).isNotNull();
        ResponseEntity<String> decided = api.post(
                "/api/v1/tasks/" + wTask + "/decision",
                "{\"decision\": \"NOT_A_MATCH\", \"reason\": \"different people\"}");
        assertThat(decided.getStatusCode()).as(decided.getBody()).isEqualTo(HttpStatus.OK);
        Map<String, Long> before = tableSizes();

        JsonNode looser = dryRun(model(0.6, 0.5, null));
        JsonNode stricter = dryRun(model(0.995, 0.5, null));
        JsonNode erpFirst = dryRun(
                model(0.9, 0.5, "{\"rules\": [\"source_priority\"], \"sources\": [\"" + erp + "\", \"" + crm + "\"]}"));

        assertThat(tableSizes()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(looser.get("goldenRecords").asInt()).isEqualTo(6);
        assertThat(looser.get("records").asInt()).isEqualTo(8);
        assertThat(looser.get("weights").asString()).isEqualTo("STARTING");
        assertThat(looser.get("thresholds").get("current").get("same").asDouble())
                .isEqualTo(0.9);
        assertThat(looser.get("thresholds").get("proposed").get("same").asDouble())
                .isEqualTo(0.6);

        assertThat(counts(looser))
                .as("X merges; W stays apart (asserted DIFFERENT)")
                .isEqualTo("merged=1 split=0 joined=1 valueChanged=0 unchanged=4 created=0 restored=0 moved=1");
        assertThat(looser.get("goldenRecordsAfter").asInt()).isEqualTo(5);
        JsonNode merged = looser.get("samples").get("MERGED").get(0);
        assertThat(merged.get("goldenId").asString()).as("the newer id goes").isEqualTo(s.x2().toString());
        assertThat(merged.get("into").asString()).isEqualTo(s.x1().toString());
        assertThat(merged.get("recordsBefore").toString()).isEqualTo("[\"" + erp + ":x2\"]");
        assertThat(merged.get("recordsAfter").toString()).isEqualTo("[\"" + crm + ":x1\",\"" + erp + ":x2\"]");
        assertThat(merged.get("changes").toString())
                .as("the absorbed record's values against the survivor's")
                .contains("\"attribute\":\"email\"", "ann2@", "ann1@");
        assertThat(looser.get("samples").get("JOINED").get(0).get("goldenId").asString())
                .isEqualTo(s.x1().toString());

        assertThat(counts(stricter))
                .as("Y splits into a new golden record")
                .isEqualTo("merged=0 split=1 joined=0 valueChanged=0 unchanged=5 created=1 restored=0 moved=1");
        JsonNode split = stricter.get("samples").get("SPLIT").get(0);
        assertThat(split.get("goldenId").asString()).isEqualTo(s.y().toString());
        assertThat(split.get("recordsAfter").toString()).isEqualTo("[\"" + crm + ":y1\"]");
        assertThat(split.get("splitOff").get(0).get("records").toString()).isEqualTo("[\"" + erp + ":y2\"]");
        assertThat(split.get("splitOff").get(0).get("goldenId").isNull())
                .as("a new golden record")
                .isTrue();
        assertThat(stricter.get("counts").get("possibleMatches").asInt())
                .as("X and Y are reviewed; W was decided")
                .isEqualTo(2);

        assertThat(counts(erpFirst))
                .as("only Z's city changes")
                .isEqualTo("merged=0 split=0 joined=0 valueChanged=1 unchanged=5 created=0 restored=0 moved=0");
        JsonNode changed = erpFirst.get("samples").get("VALUE_CHANGED").get(0);
        assertThat(changed.get("goldenId").asString()).isEqualTo(s.z().toString());
        assertThat(changed.get("changes").toString())
                .isEqualTo("[{\"attribute\":\"city\",\"before\":\"Berlin\",\"after\":\"Hamburg\"}]");
    }

    @Test
    void savingChangedRulesRematchesInTheBackgroundWithStableIds() {
        Scenario s = scenario();
        String erpFirst = "{\"rules\": [\"source_priority\"], \"sources\": [\"" + erp + "\", \"" + crm + "\"]}";

        JsonNode saved = json(api.put("/api/v1/model/" + type, model(0.6, 0.5, erpFirst)));
        int version = saved.get("version").asInt();
        JsonNode job = awaitRematch(version);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("counts").get("merged").asInt()).as(job.toString()).isEqualTo(1);
        ResponseEntity<String> redirect = api.get("/api/v1/golden/" + type + "/" + s.x2());
        assertThat(redirect.getStatusCode().value()).as("the merged-away id").isEqualTo(308);
        assertThat(redirect.getHeaders().getLocation()).hasToString("/api/v1/golden/" + type + "/" + s.x1());
        assertThat(crosswalk(s.x1())).isEqualTo(crm + ":x1," + erp + ":x2");
        JsonNode history = json(api.get("/api/v1/golden/" + type + "/" + s.x1() + "/history"));
        assertThat(history.get(0).get("changeType").asString()).isEqualTo("MERGED");
        assertThat(history.get(0).get("reason").asString()).isEqualTo("model version " + version + " re-match");
        assertThat(history.get(0).get("changedBy").asString()).isEqualTo("system");
        JsonNode z = golden(s.z());
        assertThat(z.get("values").get("city").asString())
                .as("survivorship re-applied")
                .isEqualTo("Hamburg");
        assertThat(json(api.get("/api/v1/golden/" + type + "/" + s.z() + "/history"))
                        .get(0)
                        .get("reason")
                        .asString())
                .isEqualTo("model version " + version + " re-match");
        assertThat(golden(s.y()).get("crosswalk")).as("Y stays as it was").hasSize(2);

        JsonNode stricter = json(api.put("/api/v1/model/" + type, model(0.995, 0.5, erpFirst)));
        JsonNode second = awaitRematch(stricter.get("version").asInt());

        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("COMPLETED");
        assertThat(xref(crm, "y1")).as("the record that keeps Y's id").isEqualTo(s.y());
        UUID y2 = xref(erp, "y2");
        assertThat(y2).as("a new golden record for the split-off record").isNotEqualTo(s.y());
        assertThat(json(api.get("/api/v1/golden/" + type + "/" + y2 + "/history"))
                        .get(0)
                        .get("details")
                        .get("splitFrom")
                        .asString())
                .isEqualTo(s.y().toString());
        assertThat(xref(erp, "x2"))
                .as("the record that the re-match merged comes back under its old id, as a split brings it back")
                .isEqualTo(s.x2());
        assertThat(golden(s.x2()).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(xref(crm, "x1")).isEqualTo(s.x1());
        assertThat(second.get("counts").get("restored").asInt()).isEqualTo(1);
        assertThat(second.get("counts").get("created").asInt()).isEqualTo(1);
        assertThat(jdbc.sql(
                                """
                        select count(*) from review_task
                         where kind = 'POSSIBLE_MATCH' and status = 'OPEN'
                           and least(golden_id, other_golden_id) = least(cast(:a as uuid), cast(:b as uuid))
                           and greatest(golden_id, other_golden_id) = greatest(cast(:a as uuid), cast(:b as uuid))
                        """)
                        .param("a", s.y())
                        .param("b", y2)
                        .query(Long.class)
                        .single())
                .as("the pair that fell into the possible band waits for a steward")
                .isEqualTo(1);
    }

    @Test
    void aStewardsMergeHoldsUnderStricterRules() {
        Scenario s = scenario();
        ResponseEntity<String> merged = api.post(
                "/api/v1/golden/" + type + "/" + s.x2() + "/merge",
                "{\"with\": \"" + s.x1() + "\", \"reason\": \"same person\"}");
        assertThat(merged.getStatusCode()).as(merged.getBody()).isEqualTo(HttpStatus.OK);

        JsonNode stricter = dryRun(model(0.995, 0.5, null));

        assertThat(counts(stricter))
                .as("Y splits; X stays together, as the steward merged it (asserted SAME)")
                .isEqualTo("merged=0 split=1 joined=0 valueChanged=0 unchanged=2 created=1 restored=0 moved=1");
        assertThat(stricter.get("samples").get("SPLIT").get(0).get("goldenId").asString())
                .isEqualTo(s.y().toString());
    }

    @Test
    void aModelWhoseMatchAndSurvivorshipStayTheSameStartsNoRematch() {
        scenario();
        String renamed = model(0.9, 0.5, null).replace("Rematch test", "Rematch test renamed");

        ResponseEntity<String> saved = api.put("/api/v1/model/" + type, renamed);

        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.OK);
        assertProblem(api.get("/api/v1/model/" + type + "/rematch"), HttpStatus.NOT_FOUND);
    }

    @Test
    void badInputsGetClearAnswers() {
        assertProblem(
                api.post("/api/v1/model/" + unique("nosuchtype") + "/dry-run", model(0.9, 0.5, null)),
                HttpStatus.NOT_FOUND);
        JsonNode wrongType = assertProblem(
                api.post(
                        "/api/v1/model/" + type + "/dry-run",
                        model(0.9, 0.5, null).replace("\"type\": \"text\"", "\"type\": \"txt\"")),
                HttpStatus.BAD_REQUEST);
        assertThat(errorFields(wrongType)).containsExactly("attributes[3].type");
        JsonNode wrongThreshold = assertProblem(
                api.post("/api/v1/model/" + type + "/dry-run", model(0.9, 0.95, null)), HttpStatus.BAD_REQUEST);
        assertThat(errorFields(wrongThreshold)).as(wrongThreshold.toString()).allMatch(f -> f.startsWith("match."));
        assertProblem(api.post("/api/v1/model/" + type + "/dry-run", null), HttpStatus.BAD_REQUEST);
        assertProblem(
                api.post("/api/v1/model/" + type + "/dry-run?samples=1000", model(0.9, 0.5, null)),
                HttpStatus.BAD_REQUEST);
        assertProblem(api.get("/api/v1/model/" + type + "/rematch"), HttpStatus.NOT_FOUND);
        assertProblem(
                AmalgamApi.anonymous(port).post("/api/v1/model/" + type + "/dry-run", model(0.9, 0.5, null)),
                HttpStatus.UNAUTHORIZED);
    }

    private UUID xref(String source, String key) {
        ResponseEntity<String> response = api.get("/api/v1/xref/" + source + "/" + type + "/" + key);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return UUID.fromString(json(response).get("goldenId").asString());
    }

    /** Polls the type's latest re-match until the one of this model version has finished. */
    private JsonNode awaitRematch(int version) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            ResponseEntity<String> response = api.get("/api/v1/model/" + type + "/rematch");
            if (response.getStatusCode() == HttpStatus.OK) {
                job = json(response);
                String status = job.get("status").asString();
                if (job.get("modelVersion").asInt() == version
                        && !status.equals("QUEUED")
                        && !status.equals("RUNNING")) {
                    return job;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("The re-match of version %d did not finish; last answer: %s", version, job);
    }
}
