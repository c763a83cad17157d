package org.amalgam.sources.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class SourceApiTests {

    @LocalServerPort
    int port;

    AmalgamApi api;

    @BeforeEach
    void signInAsAdministrator() {
        api = AmalgamApi.asAdmin(port);
    }

    @Test
    void createsASourceSystemThenUpdatesIt() {
        String code = unique("crm-");

        ResponseEntity<String> created = api.put(
                "/api/v1/sources/" + code,
                "{\"name\": \"Sales CRM\", \"department\": \"Sales\", \"priority\": 10, \"deduplicated\": true}");
        ResponseEntity<String> updated =
                api.put("/api/v1/sources/" + code, "{\"name\": \"Sales CRM (EU)\", \"priority\": 20}");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode createdBody = json(created);
        assertThat(createdBody.get("code").asString()).isEqualTo(code);
        assertThat(createdBody.get("name").asString()).isEqualTo("Sales CRM");
        assertThat(createdBody.get("department").asString()).isEqualTo("Sales");
        assertThat(createdBody.get("priority").asInt()).isEqualTo(10);
        assertThat(createdBody.get("deduplicated").asBoolean()).isTrue();

        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode updatedBody = json(updated);
        assertThat(updatedBody.get("name").asString()).isEqualTo("Sales CRM (EU)");
        assertThat(updatedBody.get("priority").asInt()).isEqualTo(20);
        assertThat(updatedBody.get("deduplicated").asBoolean())
                .as("an update that does not mention deduplicated keeps it")
                .isTrue();
    }

    @Test
    void aNewSourceWithoutPriorityOrDeduplicationGetsTheDefaults() {
        String code = unique("erp-");

        JsonNode source = json(api.put("/api/v1/sources/" + code, "{\"name\": \"ERP\"}"));

        assertThat(source.get("priority").asInt()).isEqualTo(100);
        assertThat(source.get("deduplicated").asBoolean()).isFalse();
    }

    @Test
    void listsSourceSystemsMostTrustedFirst() {
        String lessTrusted = api.createSource("shop-", 70);
        String moreTrusted = api.createSource("billing-", 5);

        ResponseEntity<String> response = api.get("/api/v1/sources");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> codes = new ArrayList<>();
        json(response).forEach(source -> codes.add(source.get("code").asString()));
        assertThat(codes).containsSubsequence(moreTrusted, lessTrusted);
    }

    @Test
    void readsOneSourceSystem() {
        String code = api.createSource("pos-", 40);

        ResponseEntity<String> response = api.get("/api/v1/sources/" + code);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(response).get("priority").asInt()).isEqualTo(40);
    }

    @Test
    void anUnknownSourceSystemIsNotFound() {
        String code = unique("nowhere-");

        JsonNode problem = assertProblem(api.get("/api/v1/sources/" + code), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CRM",
                "-crm",
                "_crm",
                "crm.eu",
                "crm eu",
                "c234567890123456789012345678901234567890123456789012345678901234"
            })
    void refusesACodeThatIsNotAPlainLowerCaseNameAndSaysWhy(String code) {
        JsonNode problem =
                assertProblem(api.put("/api/v1/sources/" + code, "{\"name\": \"CRM\"}"), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly("code");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("lowercase");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {}                                    | name
            {"name": "   "}                       | name
            {"department": "Sales"}               | name
            {"name": "CRM", "priority": -1}       | priority
            {"name": "CRM", "priority": 1000001}  | priority
            """)
    void refusesAnIncompleteDefinitionNamingTheField(String body, String field) {
        String code = unique("crm-");

        JsonNode problem = assertProblem(api.put("/api/v1/sources/" + code, body), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly(field);
        assertThat(api.get("/api/v1/sources/" + code).getStatusCode())
                .as("nothing was created")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void reportsEveryWrongFieldAtOnce() {
        JsonNode problem = assertProblem(api.put("/api/v1/sources/CRM", "{\"priority\": -5}"), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactlyInAnyOrder("code", "name", "priority");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        assertProblem(api.put("/api/v1/sources/" + unique("crm-"), "name=CRM"), HttpStatus.BAD_REQUEST);
    }
}
