package org.amalgam.sources.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class SourceApiTests {

    @LocalServerPort
    int port;

    /** Only for what the API does not show: the standardized attributes and the flags of a source record. */
    @Autowired
    JdbcClient jdbc;

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

    @Test
    void aSourceKeepsItsDefaultPhoneRegionInUpperCaseUntilAnUpdateClearsIt() {
        String code = unique("crm-");

        JsonNode created = json(api.put("/api/v1/sources/" + code, "{\"name\": \"CRM\", \"phoneRegion\": \"de\"}"));
        JsonNode renamed = json(api.put("/api/v1/sources/" + code, "{\"name\": \"CRM (DE)\"}"));
        JsonNode listed = null;
        for (JsonNode source : json(api.get("/api/v1/sources"))) {
            if (source.get("code").asString().equals(code)) {
                listed = source;
            }
        }
        JsonNode cleared = json(api.put("/api/v1/sources/" + code, "{\"name\": \"CRM\", \"phoneRegion\": \"\"}"));

        assertThat(created.get("phoneRegion").asString()).isEqualTo("DE");
        assertThat(renamed.get("phoneRegion").asString())
                .as("an update that does not mention phoneRegion keeps it")
                .isEqualTo("DE");
        assertThat(listed).as("GET /api/v1/sources lists %s", code).isNotNull();
        assertThat(listed.get("phoneRegion").asString()).isEqualTo("DE");
        assertThat(cleared.get("phoneRegion").isNull()).as(cleared.toString()).isTrue();
        assertThat(json(api.get("/api/v1/sources/" + code)).get("phoneRegion").isNull())
                .isTrue();
    }

    @Test
    void aNewSourceWithoutPhoneRegionHasNone() {
        JsonNode source = json(api.put("/api/v1/sources/" + unique("erp-"), "{\"name\": \"ERP\"}"));

        assertThat(source.has("phoneRegion")).as(source.toString()).isTrue();
        assertThat(source.get("phoneRegion").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "DEU", "Germany", "D", "AQ", "49", "+49", "ZZ"})
    void refusesAPhoneRegionThatIsNotTheCodeOfACountryWithANumberingPlanAndSaysWhatIsAllowed(String region) {
        String code = unique("crm-");

        JsonNode problem = assertProblem(
                api.put("/api/v1/sources/" + code, "{\"name\": \"CRM\", \"phoneRegion\": \"" + region + "\"}"),
                HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly("phoneRegion");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .contains("ISO 3166-1 alpha-2", "'DE'", "'" + region + "'");
        assertThat(api.get("/api/v1/sources/" + code).getStatusCode())
                .as("nothing was created")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPhoneNumberWithoutCountryCodeIsReadInTheSourcesPhoneRegionFromAnUploadAndAPush() {
        String german = unique("crm-de-");
        String nowhere = unique("crm-");
        assertThat(api.put("/api/v1/sources/" + german, "{\"name\": \"CRM DE\", \"phoneRegion\": \"DE\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(api.put("/api/v1/sources/" + nowhere, "{\"name\": \"CRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // a Berlin number no other test uses, written as a German would write it: 030 1234567
        String subscriber = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        String national = "030 " + subscriber;
        String e164 = "+4930" + subscriber;

        for (String source : List.of(german, nowhere)) {
            String name = uniqueName();
            JsonNode job =
                    api.importPersons(source, "id,first_name,last_name,phone\nu1,Ann," + name + "," + national + "\n");
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
            ResponseEntity<String> pushed = api.push(
                    source,
                    "person",
                    "p1",
                    "{\"first_name\": \"Ann\", \"last_name\": \"" + name + "\", \"phone\": \"" + national + "\"}");
            assertThat(pushed.getStatusCode()).as(pushed.getBody()).isEqualTo(HttpStatus.OK);
        }

        for (String key : List.of("u1", "p1")) {
            Map<String, Object> stored = stored(german, key);
            assertThat(json((String) stored.get("attributes")).get("phone").asString())
                    .as("%s in a source whose phone region is DE", key)
                    .isEqualTo(e164);
            assertThat((String) stored.get("issues")).doesNotContain("phone");

            Map<String, Object> flagged = stored(nowhere, key);
            assertThat(json((String) flagged.get("attributes")).has("phone"))
                    .as("%s in a source without a phone region", key)
                    .isFalse();
            assertThat((String) flagged.get("issues")).contains("phone").contains("has no country code");
            assertThat(json((String) flagged.get("raw")).get("phone").asString())
                    .as("the raw payload keeps what the source sent")
                    .isEqualTo(national);
        }
    }

    private Map<String, Object> stored(String source, String sourceKey) {
        return jdbc.sql(
                        """
                        select r.raw::text as raw, r.attributes::text as attributes, r.issues::text as issues
                          from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("source", source)
                .param("key", sourceKey)
                .query()
                .singleRow();
    }
}
