package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.amalgam.security.ApiKeys;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Saved mappings per source system and entity type, and the imports that use them. */
@ApplicationTest
class MappingProfileApiTests {

    static final String CRM_MAPPING =
            """
            {"key": "rec", "attributes": {"first_name": "given", "email": "mail", "city": null}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    ApiKeys apiKeys;

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    private String path(String type) {
        return "/api/v1/sources/" + source + "/mappings/" + type;
    }

    private ResponseEntity<String> delete(String path, String username, String password) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory())
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .defaultHeaders(h -> h.setBasicAuth(username, password))
                .build()
                .delete()
                .uri(path)
                .retrieve()
                .toEntity(String.class);
    }

    private ResponseEntity<String> delete(String path) {
        return delete(path, AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD);
    }

    /** The standardized attributes of one of this test's source records. */
    private JsonNode attributes(String sourceKey) {
        return json(jdbc.sql(
                        """
                        select r.attributes::text from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("source", source)
                .param("key", sourceKey)
                .query(String.class)
                .single());
    }

    private JsonNode upload(String csv, String mapping) {
        ResponseEntity<String> accepted =
                api.upload(source, "person", "crm-export.csv", csv.getBytes(StandardCharsets.UTF_8), mapping);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
    }

    @Test
    void aSavedMappingIsReadBackAsAmalgamUnderstoodItReplacedAndDeleted() {
        ResponseEntity<String> created = api.put(
                path("person"),
                """
                {"key": "rec", "attributes": {"first_name": {"column": "given"}, "email": "mail", "city": null,
                  "birth_date": {"column": "dob", "format": "yyyyMMdd"}}}
                """);

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String saved = "{\"key\":\"rec\",\"attributes\":{\"first_name\":\"given\",\"email\":\"mail\",\"city\":null,"
                + "\"birth_date\":{\"column\":\"dob\",\"format\":\"yyyyMMdd\"}}}";
        assertThat(json(created)).isEqualTo(json(saved));
        ResponseEntity<String> read = api.get(path("person"));
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(read)).isEqualTo(json(saved));
        assertThat(read.getHeaders().getLastModified()).isPositive();

        ResponseEntity<String> replaced = api.put(path("person"), "{\"attributes\": {\"email\": \"work_mail\"}}");
        assertThat(replaced.getStatusCode()).as(replaced.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(api.get(path("person")))).isEqualTo(json("{\"attributes\": {\"email\": \"work_mail\"}}"));
        JsonNode list = json(api.get("/api/v1/sources/" + source + "/mappings"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("type").asString()).isEqualTo("person");
        assertThat(list.get(0).get("updatedBy").asString()).isEqualTo(AmalgamApi.ADMIN);
        assertThat(list.get(0).get("mapping")).isEqualTo(json("{\"attributes\": {\"email\": \"work_mail\"}}"));

        assertThat(delete(path("person")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode problem = assertProblem(api.get(path("person")), HttpStatus.NOT_FOUND);
        assertThat(problem.get("detail").asString()).contains("No mapping is saved for " + source + "/person");
        assertProblem(delete(path("person")), HttpStatus.NOT_FOUND);
    }

    @Test
    void eachEntityTypeOfASourceHasItsOwnMapping() {
        api.put(path("person"), "{\"key\": \"person_no\"}");
        api.put(path("organization"), "{\"key\": \"org_no\"}");

        assertThat(json(api.get(path("person"))).get("key").asString()).isEqualTo("person_no");
        assertThat(json(api.get(path("organization"))).get("key").asString()).isEqualTo("org_no");
        assertProblem(api.get(path("product")), HttpStatus.NOT_FOUND);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"attributes": {"nickname": "nick"}}                                  | attributes.nickname
            {"attributes": {"birth_date": {"column": "dob", "format": "dd.MM{yy"}}} | attributes.birth_date.format
            {"key": 7}                                                            | key
            {"keys": "id"}                                                        | keys
            """)
    void aMappingThatDoesNotFitTheModelIsRefusedNamingTheField(String mapping, String field) {
        JsonNode problem = assertProblem(api.put(path("person"), mapping), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem)).containsExactly(field);
        assertProblem(api.get(path("person")), HttpStatus.NOT_FOUND);
    }

    @Test
    void aBodyThatIsNoMappingIsRefusedWithAnExample() {
        JsonNode notJson = assertProblem(api.put(path("person"), "{\"key\": "), HttpStatus.BAD_REQUEST);
        JsonNode notAnObject = assertProblem(api.put(path("person"), "[\"id\"]"), HttpStatus.BAD_REQUEST);

        assertThat(notJson.get("detail").asString()).contains("not valid JSON").contains("{\"key\"");
        assertThat(notAnObject.get("detail").asString()).contains("must be a JSON object");
    }

    @Test
    void anUnknownSourceOrEntityTypeIsNotFound() {
        assertProblem(api.put("/api/v1/sources/" + unique("nope-") + "/mappings/person", "{}"), HttpStatus.NOT_FOUND);
        assertProblem(api.put(path("spaceship"), "{}"), HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyAdministratorsMayReadOrChangeSavedMappings() {
        api.put(path("person"), CRM_MAPPING);
        String steward = unique("steward-");
        users.create(steward, "password-of-" + steward, "Test steward", Role.STEWARD);
        AmalgamApi stewardApi = AmalgamApi.as(port, steward, "password-of-" + steward);

        assertProblem(stewardApi.get(path("person")), HttpStatus.FORBIDDEN);
        assertProblem(stewardApi.get("/api/v1/sources/" + source + "/mappings"), HttpStatus.FORBIDDEN);
        assertProblem(stewardApi.put(path("person"), "{}"), HttpStatus.FORBIDDEN);
        assertProblem(delete(path("person"), steward, "password-of-" + steward), HttpStatus.FORBIDDEN);
        assertProblem(AmalgamApi.anonymous(port).get(path("person")), HttpStatus.UNAUTHORIZED);
        assertThat(json(api.get(path("person")))).isEqualTo(json(CRM_MAPPING));
    }

    @Test
    void anImportWithoutAMappingUsesTheSavedMappingOfItsSourceAndType() {
        api.put(path("person"), CRM_MAPPING);

        JsonNode job = upload("rec,given,mail,city\nr1,Ann,ann." + word + "@example.com,Leeds\n", null);

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        JsonNode stored = attributes("r1");
        assertThat(stored.get("first_name").asString()).isEqualTo("Ann");
        assertThat(stored.get("email").asString()).isEqualTo("ann." + word.toLowerCase() + "@example.com");
        assertThat(stored.has("city"))
                .as("the saved mapping leaves city unmapped")
                .isFalse();
        String used = jdbc.sql("select mapping::text from import_job where id = :id")
                .param("id", UUID.fromString(job.get("id").asString()))
                .query(String.class)
                .single();
        assertThat(json(used)).as("the job keeps the mapping it ran with").isEqualTo(json(CRM_MAPPING));
    }

    @Test
    void anImportBySourceSystemKeyWithoutAMappingUsesTheSavedMappingToo() {
        api.put(path("person"), CRM_MAPPING);
        String key = apiKeys.create(source, "test", AmalgamApi.ADMIN).key();
        RestClient client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory())
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .defaultHeaders(h -> h.setBearerAuth(key))
                .build();
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add(
                "file",
                new ByteArrayResource(("rec,given,mail\nr7,Bea,bea@example.com\n").getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return "people.csv";
                    }
                });

        ResponseEntity<String> accepted = client.post()
                .uri("/api/v1/sources/" + source + "/imports?type=person")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(String.class);

        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job =
                api.awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(attributes("r7").get("first_name").asString()).isEqualTo("Bea");
    }

    @Test
    void aMappingSentWithTheFileWinsOverTheSavedOne() {
        api.put(path("person"), CRM_MAPPING);

        JsonNode job = upload(
                "id,given,mail,other_mail\nr2,Ann,old." + word + "@example.com,new." + word + "@example.com\n",
                "{\"attributes\": {\"email\": \"other_mail\"}}");

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        JsonNode stored = attributes("r2");
        assertThat(stored.get("email").asString()).isEqualTo("new." + word.toLowerCase() + "@example.com");
        assertThat(stored.has("first_name"))
                .as("nothing of the saved mapping applies")
                .isFalse();
    }

    @Test
    void aSavedMappingOfAnotherTypeOrSourceDoesNotApply() {
        api.put(path("organization"), "{\"key\": \"rec\"}");
        String other = api.createSource("erp-", 20);
        api.put("/api/v1/sources/" + other + "/mappings/person", CRM_MAPPING);

        JsonNode job = upload("id,first_name,given\nr3,Ann,Not-Ann\n", null);

        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(attributes("r3").get("first_name").asString()).isEqualTo("Ann");
    }

    @Test
    void aSavedMappingThatDoesNotFitTheFileFailsTheJobNamingTheMissingColumn() {
        api.put(path("person"), CRM_MAPPING);

        JsonNode job = upload("id,first_name\nr4,Ann\n", null);

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString())
                .contains("the key column 'rec' is not in the file")
                .contains("Columns in the file: id, first_name");
    }
}
