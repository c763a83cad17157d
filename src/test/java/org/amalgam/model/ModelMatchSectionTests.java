package org.amalgam.model;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A model's {@code match} section is checked by the match module's own parser before the model is saved, through the
 * API and the model editor alike: settings the engine could not use are refused with the field and the line of each
 * mistake, and the stored model stays as it was.
 */
@ApplicationTest
class ModelMatchSectionTests {

    private static final String MODEL =
            """
            name: Match section test
            attributes:
              - name: first_name
                type: name
              - name: last_name
                type: name
              - name: email
                type: email
            match:
              thresholds: {same: 0.9, possible: 0.5}
              blocking:
                keys:
                  - {name: last_name, parts: [exact(last_name)]}
              comparisons:
                - {attribute: first_name, levels: [exact]}
                - {attribute: last_name, levels: [exact]}
                - {attribute: email, levels: [exact]}
            """;

    /** Attributes that do not exist, in a blocking key (line 13) and a comparison (line 17). */
    private static final String UNKNOWN_ATTRIBUTES =
            MODEL.replace("exact(last_name)", "exact(surname)").replace("{attribute: email,", "{attribute: shoe_size,");

    /** Thresholds out of order (line 10) and a level that does not exist (line 15). */
    private static final String BAD_THRESHOLDS_AND_LEVEL = MODEL.replace("same: 0.9", "same: 0.4")
            .replace("{attribute: first_name, levels: [exact]}", "{attribute: first_name, levels: [exactly]}");

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    AmalgamApi api;
    String type;

    /** The stored model, as GET answers it before a refused save. */
    String stored;

    @BeforeEach
    void typeWithMatchSettings() {
        api = AmalgamApi.asAdmin(port);
        type = AmalgamApi.unique("matchcheck_");
        ResponseEntity<String> created = api.putYaml("/api/v1/model/" + type, MODEL);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        stored = api.get("/api/v1/model/" + type).getBody();
    }

    private static JsonNode error(JsonNode problem, String field) {
        for (JsonNode error : problem.get("errors")) {
            if (error.get("field").asString().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }

    private void assertUnchanged() {
        assertThat(api.get("/api/v1/model/" + type).getBody())
                .as("the stored model is unchanged")
                .isEqualTo(stored);
        assertThat(json(api.get("/api/v1/model/" + type)).get("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void aMatchSectionNamingAttributesTheModelDoesNotHaveIsRefusedWithFieldAndLine() {
        JsonNode problem =
                assertProblem(api.putYaml("/api/v1/model/" + type, UNKNOWN_ATTRIBUTES), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem))
                .containsExactlyInAnyOrder("match.blocking.keys[0].parts[0]", "match.comparisons[2].attribute");
        JsonNode comparison = error(problem, "match.comparisons[2].attribute");
        assertThat(comparison.get("line").asInt()).isEqualTo(17);
        assertThat(comparison.get("message").asString())
                .contains("'shoe_size' is not an attribute")
                .contains("first_name, last_name, email");
        JsonNode key = error(problem, "match.blocking.keys[0].parts[0]");
        assertThat(key.get("line").asInt()).isEqualTo(13);
        assertThat(key.get("message").asString()).contains("'surname'");
        assertUnchanged();
    }

    @Test
    void thresholdsOutOfOrderAndAnUnknownLevelAreRefusedWithFieldAndLine() {
        JsonNode problem =
                assertProblem(api.putYaml("/api/v1/model/" + type, BAD_THRESHOLDS_AND_LEVEL), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem))
                .containsExactlyInAnyOrder("match.thresholds.possible", "match.comparisons[0].levels[0]");
        assertThat(error(problem, "match.thresholds.possible").get("line").asInt())
                .isEqualTo(10);
        assertThat(error(problem, "match.thresholds.possible").get("message").asString())
                .contains("above 'same' (0.4)");
        assertThat(error(problem, "match.comparisons[0].levels[0]").get("line").asInt())
                .isEqualTo(15);
        assertThat(error(problem, "match.comparisons[0].levels[0]")
                        .get("message")
                        .asString())
                .contains("'exactly' is not a comparison level")
                .contains("jaro_winkler");
        assertUnchanged();
    }

    @Test
    void aJsonModelIsCheckedTheSameWay() {
        String document =
                """
                {"name": "Match section test",
                 "attributes": [{"name": "first_name", "type": "name"}, {"name": "last_name", "type": "name"},
                                {"name": "email", "type": "email"}],
                 "match": {"thresholds": {"same": 0.4, "possible": 0.5},
                           "blocking": {"keys": [{"name": "last_name", "parts": ["exact(last_name)"]}]},
                           "comparisons": [{"attribute": "first_name", "levels": ["exact"]}]}}
                """;

        JsonNode problem = assertProblem(api.put("/api/v1/model/" + type, document), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly("match.thresholds.possible");
        assertThat(error(problem, "match.thresholds.possible").get("line").asInt())
                .isEqualTo(4);
        assertUnchanged();
    }

    @Test
    void removingAnAttributeThatTheMatchSettingsUseIsRefused() {
        String withoutEmail = MODEL.replace("  - name: email\n    type: email\n", "");
        assertThat(withoutEmail).doesNotContain("name: email");

        JsonNode problem = assertProblem(api.putYaml("/api/v1/model/" + type, withoutEmail), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly("match.comparisons[2].attribute");
        assertUnchanged();
    }

    @Test
    void theCheckEndpointReportsTheSameProblemsAndAValidChangeIsSaved() {
        ResponseEntity<String> checked =
                AmalgamApi.asAdmin(port).post("/api/v1/model/" + type + "/check", toJson(UNKNOWN_ATTRIBUTES));
        assertThat(checked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(checked).get("valid").asBoolean()).isFalse();
        assertThat(errorFields(json(checked)))
                .containsExactlyInAnyOrder("match.blocking.keys[0].parts[0]", "match.comparisons[2].attribute");

        ResponseEntity<String> saved = api.putYaml("/api/v1/model/" + type, MODEL.replace("same: 0.9", "same: 0.95"));

        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode model = json(api.get("/api/v1/model/" + type));
        assertThat(model.get("version").asInt()).isEqualTo(2);
        assertThat(model.get("match").get("thresholds").get("same").asDouble()).isEqualTo(0.95);
    }

    @Test
    void theModelEditorShowsTheProblemsOfTheMatchSectionAndSavesNothing() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();

        MvcResult check = mvc.perform(post("/model/" + type + "/check")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .header("HX-Request", "true")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("yaml", UNKNOWN_ATTRIBUTES))
                .andReturn();
        assertThat(check.getResponse().getStatus()).isEqualTo(200);
        assertThat(check.getResponse().getContentAsString())
                .contains("id=\"model-problems\"")
                .contains("line 17")
                .contains("<code>match.comparisons[2].attribute</code>")
                .contains("shoe_size")
                .contains("is not an attribute of this type");

        MvcResult save = mvc.perform(post("/model/" + type)
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("yaml", BAD_THRESHOLDS_AND_LEVEL))
                .andReturn();
        assertThat(save.getResponse().getStatus())
                .as("the editor again, not a redirect to the saved model")
                .isEqualTo(200);
        assertThat(save.getResponse().getContentAsString())
                .contains("<code>match.thresholds.possible</code>")
                .contains("line 10")
                .contains("<code>match.comparisons[0].levels[0]</code>")
                .contains("same: 0.4");
        assertUnchanged();
    }

    /** The YAML model as the JSON the API client sends. */
    private static String toJson(String yaml) {
        return new tools.jackson.databind.json.JsonMapper()
                .writeValueAsString(new tools.jackson.dataformat.yaml.YAMLMapper().readValue(yaml, Object.class));
    }
}
