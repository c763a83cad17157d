package org.amalgam.security;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class ApiKeyTests {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    AmalgamApi admin;
    String source;
    String otherSource;

    /**
     * A person no other test's records match: a pushed record of a name that earlier tests stored too would rightly
     * be MERGED into their golden record rather than CREATED.
     */
    String person;

    @BeforeEach
    void createTwoSourceSystems() {
        person = "{\"first_name\": \"Ann\", \"last_name\": \"" + uniqueName() + "\"}";
        admin = AmalgamApi.asAdmin(port);
        source = admin.createSource("crm-", 10);
        otherSource = admin.createSource("erp-", 20);
    }

    private AmalgamApi withKeyOf(String sourceCode) {
        return AmalgamApi.withApiKey(port, admin.createApiKey(sourceCode));
    }

    private AmalgamApi newUser(Role role) {
        String username = unique(role.name().toLowerCase() + "-");
        users.create(username, "password-of-" + username, "Test " + role, role);
        return AmalgamApi.as(port, username, "password-of-" + username);
    }

    private static ResponseEntity<String> upload(AmalgamApi api, String sourceCode, String csv) {
        return api.upload(sourceCode, "person", "people.csv", csv.getBytes(StandardCharsets.UTF_8), null);
    }

    private static UUID jobId(ResponseEntity<String> accepted) {
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return UUID.fromString(json(accepted).get("id").asString());
    }

    @Test
    void anAdministratorCreatesAKeyThatIsShownOnlyOnce() {
        ResponseEntity<String> created =
                admin.post("/api/v1/sources/" + source + "/api-keys", "{\"name\": \"nightly sync\"}");

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode key = json(created);
        String secret = key.get("key").asString();
        assertThat(secret).startsWith("amk_").hasSizeGreaterThan(30);
        assertThat(key.get("source").asString()).isEqualTo(source);
        assertThat(key.get("name").asString()).isEqualTo("nightly sync");

        ResponseEntity<String> listed = admin.get("/api/v1/sources/" + source + "/api-keys");

        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode keys = json(listed);
        assertThat(keys.size()).isEqualTo(1);
        JsonNode entry = keys.get(0);
        assertThat(entry.get("id").asLong()).isEqualTo(key.get("id").asLong());
        assertThat(entry.get("name").asString()).isEqualTo("nightly sync");
        assertThat(entry.get("prefix").asString()).isEqualTo(key.get("prefix").asString());
        assertThat(entry.get("createdBy").asString()).isEqualTo(AmalgamApi.ADMIN);
        assertThat(entry.has("key")).isFalse();
        assertThat(listed.getBody())
                .as("the list never shows the secret")
                .doesNotContain(secret)
                .doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
    }

    @Test
    void aKeyMayPushAndDeleteRecordsOfItsOwnSource() {
        AmalgamApi key = withKeyOf(source);

        ResponseEntity<String> pushed = key.push(source, "person", "k1", person);
        ResponseEntity<String> deleted = key.delete("/api/v1/sources/" + source + "/records/person/k1");

        assertThat(pushed.getStatusCode()).as(pushed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(pushed).get("outcome").asString()).isEqualTo("CREATED");
        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(deleted).get("goldenStatus").asString()).isEqualTo("RETIRED");
    }

    @Test
    void aKeyMayImportFilesToItsOwnSourceAndFollowTheJob() {
        AmalgamApi key = withKeyOf(source);

        UUID id = jobId(upload(key, source, "id,first_name,last_name\nk1,Ann,Lee\nk2,Bob,Lee\n"));
        JsonNode job = key.awaitFinished(id);

        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("source").asString()).isEqualTo(source);
        assertThat(job.get("counts").get("created").asLong()).isEqualTo(2);
        assertThat(key.get("/api/v1/imports/" + id + "/rejections").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anImportWithAKeyShowsTheSourceSystemAsWhoUploadedIt() throws Exception {
        AmalgamApi key = withKeyOf(source);
        UUID id = jobId(upload(key, source, "id,first_name,last_name\nk1,Ann,Lee\n"));
        key.awaitFinished(id);

        // the API's job answer has no uploader; the job page shows it
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports/" + id))
                                .header(
                                        HttpHeaders.AUTHORIZATION,
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                (AmalgamApi.ADMIN + ":" + AmalgamApi.ADMIN_PASSWORD)
                                                                        .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("uploaded by source:" + source);
    }

    @Test
    void aKeyMayReadGoldenRecordsCrosswalksAndXrefs() {
        AmalgamApi key = withKeyOf(source);
        String goldenId = json(admin.push(otherSource, "person", "e1", person))
                .get("goldenId")
                .asString();

        assertThat(key.get("/api/v1/golden/person?q=ann").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(key.get("/api/v1/golden/person/" + goldenId)).get("id").asString())
                .isEqualTo(goldenId);
        assertThat(key.get("/api/v1/crosswalk/person?source=" + otherSource).getBody())
                .contains(otherSource + ",e1," + goldenId);
        assertThat(json(key.get("/api/v1/xref/" + otherSource + "/person/e1"))
                        .get("goldenId")
                        .asString())
                .isEqualTo(goldenId);
    }

    @Test
    void aKeyMayNotPushDeleteOrImportForAnotherSource() {
        AmalgamApi key = withKeyOf(source);
        admin.push(otherSource, "person", "e1", person);

        JsonNode push = assertProblem(key.push(otherSource, "person", "e2", person), HttpStatus.FORBIDDEN);
        assertProblem(key.delete("/api/v1/sources/" + otherSource + "/records/person/e1"), HttpStatus.FORBIDDEN);
        assertProblem(upload(key, otherSource, "id,first_name\ne3,Eve\n"), HttpStatus.FORBIDDEN);

        assertThat(push.get("title").asString()).isEqualTo("Forbidden");
        assertThat(admin.get("/api/v1/crosswalk/person?source=" + otherSource)
                        .getBody()
                        .lines()
                        .skip(1)
                        .map(line -> line.split(",")[1])
                        .toList())
                .as("the other source's records are as they were")
                .containsExactly("e1");
    }

    @Test
    void aKeyMayNotAdministerSourceSystemsOrKeys() {
        AmalgamApi key = withKeyOf(source);

        assertProblem(key.put("/api/v1/sources/" + source, "{\"name\": \"Renamed\"}"), HttpStatus.FORBIDDEN);
        assertProblem(key.post("/api/v1/sources/" + source + "/api-keys", "{}"), HttpStatus.FORBIDDEN);
        assertProblem(key.get("/api/v1/sources/" + source + "/api-keys"), HttpStatus.FORBIDDEN);

        assertThat(json(admin.get("/api/v1/sources/" + source)).get("name").asString())
                .isNotEqualTo("Renamed");
        assertThat(json(admin.get("/api/v1/sources/" + source + "/api-keys")).size())
                .isEqualTo(1);
    }

    @Test
    void aKeySeesNoImportJobOfAnotherSource() {
        AmalgamApi key = withKeyOf(source);
        UUID othersJob = jobId(upload(admin, otherSource, "id,first_name\ne1,Eve\n"));
        admin.awaitFinished(othersJob);

        JsonNode problem = assertProblem(key.get("/api/v1/imports/" + othersJob), HttpStatus.NOT_FOUND);
        assertProblem(key.get("/api/v1/imports/" + othersJob + "/rejections"), HttpStatus.NOT_FOUND);
        assertProblem(key.post("/api/v1/imports/" + othersJob + "/cancel", ""), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).doesNotContain(otherSource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amk_nosuch_0123456789abcdefghijklmnopqrstuv", "amk_", "not-an-amalgam-key"})
    void anUnknownKeyIsUnauthorizedWithAMessageAboutTheKey(String unknown) {
        ResponseEntity<String> response = AmalgamApi.withApiKey(port, unknown).push(source, "person", "k1", person);

        JsonNode problem = assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(problem.get("detail").asString()).contains("API key");
        assertProblem(admin.get("/api/v1/xref/" + source + "/person/k1"), HttpStatus.NOT_FOUND);
    }

    @Test
    void aRevokedKeyIsUnauthorizedFromThenOn() {
        JsonNode created = json(admin.post("/api/v1/sources/" + source + "/api-keys", "{}"));
        AmalgamApi key = AmalgamApi.withApiKey(port, created.get("key").asString());
        assertThat(key.get("/api/v1/golden/person").getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> revoked = admin.delete(
                "/api/v1/sources/" + source + "/api-keys/" + created.get("id").asLong());

        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode problem = assertProblem(key.push(source, "person", "k1", person), HttpStatus.UNAUTHORIZED);
        assertThat(problem.get("detail").asString()).contains("API key");
        assertProblem(key.get("/api/v1/golden/person"), HttpStatus.UNAUTHORIZED);
        JsonNode listed =
                json(admin.get("/api/v1/sources/" + source + "/api-keys")).get(0);
        assertThat(listed.get("revokedAt").isNull()).as(listed.toString()).isFalse();
        assertThat(listed.get("lastUsedAt").isNull())
                .as("it was used before it was revoked")
                .isFalse();
    }

    @Test
    void aKeyCannotBeRevokedThroughAnotherSource() {
        JsonNode created = json(admin.post("/api/v1/sources/" + source + "/api-keys", "{}"));

        JsonNode problem = assertProblem(
                admin.delete("/api/v1/sources/" + otherSource + "/api-keys/"
                        + created.get("id").asLong()),
                HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(otherSource);
        assertThat(AmalgamApi.withApiKey(port, created.get("key").asString())
                        .get("/api/v1/golden/person")
                        .getStatusCode())
                .as("the key still works")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aViewerMayNotCreateOrListKeys() {
        AmalgamApi viewer = newUser(Role.VIEWER);

        assertProblem(viewer.post("/api/v1/sources/" + source + "/api-keys", "{}"), HttpStatus.FORBIDDEN);
        assertProblem(viewer.get("/api/v1/sources/" + source + "/api-keys"), HttpStatus.FORBIDDEN);

        assertThat(json(admin.get("/api/v1/sources/" + source + "/api-keys")).isEmpty())
                .isTrue();
    }

    @Test
    void aKeyForAnUnknownSourceIsNotFound() {
        String unknown = unique("nowhere-");

        JsonNode problem =
                assertProblem(admin.post("/api/v1/sources/" + unknown + "/api-keys", "{}"), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(unknown);
    }
}
