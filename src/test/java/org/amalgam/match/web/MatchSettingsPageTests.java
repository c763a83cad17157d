package org.amalgam.match.web;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amalgam.match.Matching;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.amalgam.testing.MemberRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The match settings page and the weights API, through the real security filters and templates: what the page shows,
 * estimating the weights from the stored records (by its button and by the API), and who may do what. The records are
 * of an entity type of this test's own, so estimating changes how no other test's records are matched.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchSettingsPageTests {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");
    private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

    /** More than the estimate needs. */
    private static final int RECORDS = 1_050;

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    MockMvc mvc;
    AmalgamApi api;
    String source;

    /** A type with enough records, whose current model version has no weights yet. */
    String members;

    @BeforeAll
    void typeWithEnoughRecords() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("hr-", 10);
        members = MemberRecords.createType(api);
        // no load estimates weights: most records come from a deduplicated source (nothing to learn from alone),
        // the rest are too few; so the type keeps its starting weights until Estimate is pressed (a model saved
        // with the same comparisons would carry estimated weights over to its new version)
        String registry = AmalgamApi.unique("reg-");
        assertThat(api.put(
                                "/api/v1/sources/" + registry,
                                "{\"name\": \"Registry\", \"priority\": 5, \"deduplicated\": true}")
                        .getStatusCode()
                        .is2xxSuccessful())
                .isTrue();
        MemberRecords.load(api, registry, members, 0, RECORDS - 50);
        MemberRecords.load(api, source, members, RECORDS - 50, 50);
        // a new model version has no estimated weights: the load may have estimated some for version 1
        ResponseEntity<String> saved = api.putYaml("/api/v1/model/" + members, MemberRecords.MODEL);
        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.OK);
    }

    private String html(RequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private JsonNode weights(String type) {
        ResponseEntity<String> response = api.get("/api/v1/match/" + type + "/weights");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private static JsonNode comparison(JsonNode table, String name) {
        for (JsonNode comparison : table.get("comparisons")) {
            if (comparison.get("name").asString().equals(name)) {
                return comparison;
            }
        }
        throw new AssertionError("no comparison " + name + " in " + table);
    }

    private static JsonNode level(JsonNode comparison, String label) {
        for (JsonNode level : comparison.get("levels")) {
            if (level.get("level").asString().equals(label)) {
                return level;
            }
        }
        throw new AssertionError("no level " + label + " in " + comparison);
    }

    /** Every m and u of the table, in order. */
    private static List<Double> probabilities(JsonNode table) {
        List<Double> values = new ArrayList<>();
        for (JsonNode comparison : table.get("comparisons")) {
            for (JsonNode level : comparison.get("levels")) {
                values.add(level.get("m").asDouble());
                values.add(level.get("u").asDouble());
            }
        }
        return values;
    }

    private static String fourPlaces(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    @Test
    void thePageShowsTheThresholdsBlockingKeysEachLevelWithItsWeightsAndAHistogramOfScores() throws Exception {
        JsonNode table = weights(members);

        String page = html(get("/model/" + members + "/match").with(VIEWER));

        assertThat(page).contains("id=\"thresholds\"");
        assertThat(page)
                .as("the thresholds as probabilities")
                .contains("≥ " + table.get("thresholds").get("same").asDouble())
                .contains("≥ " + table.get("thresholds").get("possible").asDouble());
        assertThat(page).contains("data-key=\"names\"").contains("data-key=\"email\"");
        JsonNode firstName = comparison(table, "first_name");
        assertThat(firstName.get("termFrequency").asBoolean()).isTrue();
        String levels = page.substring(page.indexOf("data-comparison=\"first_name\""));
        levels = levels.substring(0, levels.indexOf("</tbody>"));
        assertThat(levels)
                .as("the levels of first_name in order, with the term-frequency mark")
                .containsSubsequence(
                        "data-level=\"missing\"",
                        "data-level=\"exact\"",
                        "data-level=\"jaro_winkler ≥ 0.92\"",
                        "data-level=\"initials\"",
                        "data-level=\"jaro_winkler ≥ 0.8\"",
                        "data-level=\"else\"")
                .contains("term frequency");
        JsonNode exact = level(firstName, "exact");
        assertThat(levels)
                .as("m and u of first_name's exact level")
                .contains(fourPlaces(exact.get("m").asDouble()))
                .contains(fourPlaces(exact.get("u").asDouble()));
        assertThat(page)
                .as("the histogram's data for the chart")
                .contains("id=\"score-histogram\"")
                .containsPattern("data-chart=\"\\{&quot;bins&quot;:\\[\\[")
                .contains("id=\"band-counts\"")
                .contains("data-source=\"LINKS\"");
        assertThat(page)
                .as("a viewer sees no buttons that change anything")
                .doesNotContain("id=\"estimate-weights\"")
                .doesNotContain("id=\"dry-run-form\"");
    }

    @Test
    void anAdministratorSeesTheEstimateAndDryRunButtons() throws Exception {
        String page = html(get("/model/" + members + "/match").with(ADMIN));

        assertThat(page)
                .contains("id=\"estimate-weights\"")
                .contains("hx-post=\"/model/" + members + "/match/estimate\"")
                .contains("hx-post=\"/model/" + members + "/match/dry-run\"")
                .contains("hx-target=\"#dry-run-result\"")
                .contains("<input type=\"hidden\" name=\"model\" value=\"\">")
                .contains("id=\"dry-run-result\"");
    }

    @Test
    void theModelPagesLinkToTheMatchSettings() throws Exception {
        assertThat(html(get("/model").with(VIEWER))).contains("href=\"/model/" + members + "/match\"");
        assertThat(html(get("/model/" + members).with(VIEWER))).contains("href=\"/model/" + members + "/match\"");
    }

    @Test
    void estimatingFromTheStoredRecordsChangesTheWeightsAndStoresThemForTheCurrentModelVersion() throws Exception {
        JsonNode before = weights(members);
        assertThat(before.get("estimated").asBoolean())
                .as("version 2 starts with the starting weights")
                .isFalse();
        assertThat(before.get("modelVersion").asInt()).isEqualTo(2);
        assertThat(html(get("/model/" + members + "/match").with(VIEWER))).contains("id=\"starting-weights\"");
        Instant asked = Instant.now();

        ResponseEntity<String> response = api.post("/api/v1/match/" + members + "/weights", null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode after = json(response);
        assertThat(after.get("estimated").asBoolean()).isTrue();
        assertThat(after.get("recordCount").asLong()).isEqualTo(RECORDS);
        assertThat(Instant.parse(after.get("estimatedAt").asString())).isAfterOrEqualTo(asked.minusSeconds(1));
        assertThat(probabilities(after)).as("the estimated m and u").isNotEqualTo(probabilities(before));
        assertThat(after.get("prior").asDouble())
                .isNotEqualTo(before.get("prior").asDouble());
        assertThat(weights(members).get("comparisons"))
                .as("GET answers the new weights")
                .isEqualTo(after.get("comparisons"));
        Long stored = jdbc.sql(
                        """
                        select w.record_count from match_weights w join entity_type t on t.id = w.entity_type_id
                         where t.code = :type and w.model_version = 2
                        """)
                .param("type", members)
                .query(Long.class)
                .single();
        assertThat(stored).as("stored for model version 2").isEqualTo(RECORDS);

        // the page's button does the same, and htmx gets the new table and histogram
        String fragment = html(post("/model/" + members + "/match/estimate")
                .with(ADMIN)
                .with(csrf())
                .header("HX-Request", "true"));
        assertThat(fragment).doesNotContain("<html").contains("id=\"weights-panel\"");
        assertThat(fragment)
                .contains("Estimated the weights from 1,050 records and stored them for model version 2.")
                .contains("id=\"estimated-weights\"")
                .doesNotContain("id=\"starting-weights\"")
                .contains(fourPlaces(
                        level(comparison(after, "last_name"), "exact").get("m").asDouble()));
        assertThat(fragment)
                .as("the histogram comes along, out of band")
                .contains("id=\"histogram-panel\"")
                .contains("hx-swap-oob=\"true\"");
    }

    @Test
    void estimatingWithTooFewRecordsSaysHowManyAreNeededAndChangesNothing() throws Exception {
        String few = MemberRecords.createType(api);
        MemberRecords.load(api, source, few, 0, 4);

        JsonNode problem = assertProblem(api.post("/api/v1/match/" + few + "/weights", null), HttpStatus.CONFLICT);
        assertThat(problem.get("detail").asString())
                .contains("at least " + String.format(Locale.ROOT, "%,d", Matching.MIN_RECORDS_TO_ESTIMATE))
                .contains("it has 4");

        String fragment = html(post("/model/" + few + "/match/estimate")
                .with(ADMIN)
                .with(csrf())
                .header("HX-Request", "true"));
        assertThat(fragment)
                .contains("role=\"alert\"")
                .contains("needs at least 1,000 records and it has 4")
                .contains("id=\"starting-weights\"");
        MvcResult plain = mvc.perform(
                        post("/model/" + few + "/match/estimate").with(ADMIN).with(csrf()))
                .andReturn();
        assertThat(plain.getResponse().getRedirectedUrl())
                .as("a form posted without htmx goes back to the page")
                .isEqualTo("/model/" + few + "/match");
        assertThat(String.valueOf(plain.getFlashMap().get("error"))).contains("needs at least 1,000 records");
        assertThat(weights(few).get("estimated").asBoolean()).isFalse();
    }

    @Test
    void withoutMatchLinksTheHistogramScoresTheCandidatePairsOfASample() throws Exception {
        String type = MemberRecords.createType(api);
        // three different people in one city: the city's words are a blocking key, so they are three candidate pairs
        String csv = "id,first_name,last_name,birth_date,email,city\n"
                + "a1,Anna," + AmalgamApi.uniqueName() + ",1950-01-02,,Flensburg\n"
                + "a2,Bernd," + AmalgamApi.uniqueName() + ",1961-03-04,,Flensburg\n"
                + "a3,Clara," + AmalgamApi.uniqueName() + ",1972-05-06,,Flensburg\n";
        ResponseEntity<String> accepted =
                api.upload(source, type, "members.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        api.awaitFinished(java.util.UUID.fromString(json(accepted).get("id").asString()));

        String page = html(get("/model/" + type + "/match").with(VIEWER));

        assertThat(page)
                .contains("data-source=\"SAMPLE\"")
                .contains("No match links yet: 3 candidate pairs")
                .contains("among the first 3 records")
                .containsPattern("data-band=\"DIFFERENT\">[\\s\\S]*?>3</td>");
    }

    @Test
    void aViewerMayReadTheWeightsButNotEstimateThem() throws Exception {
        String username = AmalgamApi.unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);
        AmalgamApi viewer = AmalgamApi.as(port, username, "password-of-" + username);

        assertThat(viewer.get("/api/v1/match/" + members + "/weights").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(viewer.post("/api/v1/match/" + members + "/weights", null), HttpStatus.FORBIDDEN);
        assertThat(mvc.perform(post("/model/" + members + "/match/estimate")
                                .with(VIEWER)
                                .with(csrf())
                                .header("HX-Request", "true"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void anUnknownTypeIsNotFound() throws Exception {
        assertThat(mvc.perform(get("/model/no_such_type/match").with(VIEWER))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertProblem(api.get("/api/v1/match/no_such_type/weights"), HttpStatus.NOT_FOUND);
        assertProblem(api.post("/api/v1/match/no_such_type/weights", null), HttpStatus.NOT_FOUND);
    }
}
