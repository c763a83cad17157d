package org.amalgam.security;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
class ApiSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    AmalgamApi admin;
    String source;

    @BeforeEach
    void createSourceSystemWithOneRecord() {
        admin = AmalgamApi.asAdmin(port);
        source = admin.createSource("crm-", 10);
        admin.importPersons(source, "id,first_name,last_name\nk1,Ann," + uniqueName() + "\n");
    }

    private AmalgamApi newUser(Role role) {
        String username = unique(role.name().toLowerCase() + "-");
        users.create(username, "password-of-" + username, "Test " + role, role);
        return AmalgamApi.as(port, username, "password-of-" + username);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/sources",
                "/api/v1/golden/person",
                "/api/v1/golden/person?q=ann",
                "/api/v1/crosswalk/person",
                "/api/v1/imports/0196f0a0-0000-7000-8000-000000000000"
            })
    void anAnonymousCallerGetsAProblemAndNoData(String path) {
        ResponseEntity<String> response = AmalgamApi.anonymous(port).get(path);

        assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(response.getBody()).doesNotContain("items", "source_key", source, "Ann");
    }

    @Test
    void anAnonymousCallerCannotCreateASourceSystem() {
        String code = unique("crm-");

        assertProblem(
                AmalgamApi.anonymous(port).put("/api/v1/sources/" + code, "{\"name\": \"CRM\"}"),
                HttpStatus.UNAUTHORIZED);
        assertThat(admin.get("/api/v1/sources/" + code).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aWrongPasswordIsRefused() {
        ResponseEntity<String> response =
                AmalgamApi.as(port, AmalgamApi.ADMIN, "not-the-password").get("/api/v1/sources");

        assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody()).doesNotContain(source);
    }

    @Test
    void aViewerMayReadGoldenRecordsSourcesAndTheCrosswalk() {
        AmalgamApi viewer = newUser(Role.VIEWER);

        assertThat(viewer.get("/api/v1/golden/person").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(viewer.get("/api/v1/sources").getBody()).contains(source);
        assertThat(viewer.get("/api/v1/crosswalk/person?source=" + source).getBody())
                .contains(source + ",k1,");
    }

    @Test
    void aViewerMayNotChangeASourceSystem() {
        AmalgamApi viewer = newUser(Role.VIEWER);

        JsonNode problem =
                assertProblem(viewer.put("/api/v1/sources/" + source, "{\"name\": \"Renamed\"}"), HttpStatus.FORBIDDEN);

        assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
        assertThat(json(admin.get("/api/v1/sources/" + source)).get("name").asString())
                .isNotEqualTo("Renamed");
    }

    @Test
    void aViewerMayNotImportFiles() {
        AmalgamApi viewer = newUser(Role.VIEWER);

        ResponseEntity<String> response = viewer.upload(
                source, "person", "people.csv", "id,first_name\nk9,Eve\n".getBytes(StandardCharsets.UTF_8), null);

        assertProblem(response, HttpStatus.FORBIDDEN);
    }

    @Test
    void onlyAnAdministratorMayReadTheBlockingKeysOfEveryRecord() {
        assertProblem(newUser(Role.VIEWER).get("/api/v1/match/person/blocking-keys"), HttpStatus.FORBIDDEN);
        assertProblem(newUser(Role.STEWARD).get("/api/v1/match/person/blocking-keys"), HttpStatus.FORBIDDEN);
        assertThat(admin.get("/api/v1/match/person/blocking-keys").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aStewardMayReadButNotAdministerSources() {
        AmalgamApi steward = newUser(Role.STEWARD);

        assertThat(steward.get("/api/v1/golden/person").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(steward.put("/api/v1/sources/" + unique("crm-"), "{\"name\": \"CRM\"}"), HttpStatus.FORBIDDEN);
    }

    @Test
    void aRememberedLoginSeesARoleChangeAtOnce() {
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);
        AmalgamApi user = AmalgamApi.as(port, username, "password-of-" + username);
        String code = unique("crm-");
        assertThat(user.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(user.put("/api/v1/sources/" + code, "{\"name\": \"CRM\"}"), HttpStatus.FORBIDDEN);

        users.changeRole(username, Role.ADMIN);

        assertThat(user.put("/api/v1/sources/" + code, "{\"name\": \"CRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        users.changeRole(username, Role.VIEWER);

        assertProblem(user.put("/api/v1/sources/" + code, "{\"name\": \"CRM 2\"}"), HttpStatus.FORBIDDEN);
        assertThat(user.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRememberedLoginOfAUserWhoIsDisabledIsRefused() {
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);
        AmalgamApi user = AmalgamApi.as(port, username, "password-of-" + username);
        assertThat(user.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(user.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);

        users.setEnabled(username, false);

        ResponseEntity<String> refused = user.get("/api/v1/sources");
        assertProblem(refused, HttpStatus.UNAUTHORIZED);
        assertThat(refused.getBody()).doesNotContain(source);

        users.setEnabled(username, true);

        assertThat(user.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aWrongPasswordIsRefusedRightAfterTheRightOneWasAccepted() {
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);
        assertThat(AmalgamApi.as(port, username, "password-of-" + username)
                        .get("/api/v1/sources")
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        for (String wrong : new String[] {"password-of-" + username + "x", "", "PASSWORD-OF-" + username}) {
            assertProblem(AmalgamApi.as(port, username, wrong).get("/api/v1/sources"), HttpStatus.UNAUTHORIZED);
        }
        assertProblem(
                AmalgamApi.as(port, unique("nobody-"), "password-of-" + username)
                        .get("/api/v1/sources"),
                HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRememberedPasswordIsRefusedOnceThePasswordChanged() {
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);
        AmalgamApi old = AmalgamApi.as(port, username, "password-of-" + username);
        assertThat(old.get("/api/v1/sources").getStatusCode()).isEqualTo(HttpStatus.OK);

        users.changePassword(username, "new-password-of-" + username);

        assertProblem(old.get("/api/v1/sources"), HttpStatus.UNAUTHORIZED);
        assertThat(AmalgamApi.as(port, username, "new-password-of-" + username)
                        .get("/api/v1/sources")
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static JsonNode json(ResponseEntity<String> response) {
        return AmalgamApi.json(response);
    }
}
