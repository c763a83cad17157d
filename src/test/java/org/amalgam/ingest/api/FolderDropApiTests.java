package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.amalgam.ingest.folder.FolderDrops;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A watched folder as a department fills it: files dropped, imported, and moved to done/ or failed/. */
@ApplicationTest
class FolderDropApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    FolderDrops folders;

    @Autowired
    Users users;

    @TempDir
    Path temp;

    AmalgamApi api;
    String source;
    Path inbox;

    @BeforeEach
    void createSourceAndFolder() throws IOException {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("shop-", 30);
        inbox = Files.createDirectories(temp.resolve("inbox"));
    }

    /** Scans of later tests look at every enabled folder; this test's folders go with its temporary folder. */
    @AfterEach
    void stopWatching() {
        json(api.get("/api/v1/sources/" + source + "/folders"))
                .forEach(folder -> api.delete("/api/v1/sources/" + source + "/folders/"
                        + folder.get("name").asString()));
    }

    private ResponseEntity<String> putFolder(String name, Map<String, Object> body) {
        return api.put("/api/v1/sources/" + source + "/folders/" + name, JSON.writeValueAsString(body));
    }

    private void watch(String name, Path folder) {
        ResponseEntity<String> saved = putFolder(name, Map.of("path", folder.toString(), "type", "person"));
        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private JsonNode scan(String name) {
        ResponseEntity<String> response = api.post("/api/v1/sources/" + source + "/folders/" + name + "/scan", null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private List<String> awaitFiles(Path folder, int count) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> names(folder), files -> files.size() == count);
    }

    @Test
    void aCompleteFileIsImportedAndMovedToDone() throws IOException {
        watch("inbox", inbox);
        Files.writeString(inbox.resolve("people.csv"), "id,first_name,last_name\nf1,Ann,Lee\nf2,Bob,Ray\n");

        JsonNode first = scan("inbox");

        assertThat(first.get("taken").size())
                .as("a file seen once may still be written")
                .isZero();
        assertThat(first.get("waiting").get(0).asString()).isEqualTo("people.csv");

        JsonNode second = scan("inbox");

        assertThat(second.get("taken").size()).isEqualTo(1);
        JsonNode taken = second.get("taken").get(0);
        assertThat(taken.get("fileName").asString()).isEqualTo("people.csv");
        assertThat(taken.get("storedName").asString()).endsWith("_people.csv");
        JsonNode job =
                api.awaitFinished(UUID.fromString(taken.get("importJobId").asString()));
        assertThat(counts(job)).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(job.get("fileName").asString()).isEqualTo("people.csv");
        assertThat(awaitFiles(inbox.resolve("done"), 1))
                .containsExactly(taken.get("storedName").asString());
        assertThat(names(inbox)).isEmpty();
        assertThat(names(inbox.resolve("processing"))).isEmpty();
        assertThat(names(inbox.resolve("failed"))).isEmpty();
        JsonNode folder = json(api.get("/api/v1/sources/" + source + "/folders/inbox"));
        assertThat(folder.get("recentFiles").get(0).get("status").asString()).isEqualTo("DONE");
        assertThat(folder.get("lastScanAt").isNull()).isFalse();
    }

    @Test
    void aFileWhoseImportFailsGoesToFailedWithTheReasonNextToIt() throws IOException {
        watch("inbox", inbox);
        Files.writeString(inbox.resolve("no-key.csv"), "first_name,last_name\nAnn,Lee\n");
        scan("inbox");

        JsonNode taken = scan("inbox").get("taken").get(0);
        JsonNode job =
                api.awaitFinished(UUID.fromString(taken.get("importJobId").asString()));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        String stored = taken.get("storedName").asString();
        assertThat(awaitFiles(inbox.resolve("failed"), 2)).containsExactly(stored, stored + ".error.txt");
        assertThat(Files.readString(inbox.resolve("failed").resolve(stored + ".error.txt")))
                .contains("no-key.csv")
                .contains(job.get("error").asString())
                .contains(job.get("id").asString());
        assertThat(names(inbox.resolve("done"))).isEmpty();
    }

    @Test
    void anEmptyFileIsRefusedAtOnceAndGoesToFailed() throws IOException {
        watch("inbox", inbox);
        Files.writeString(inbox.resolve("empty.csv"), "");
        scan("inbox");

        JsonNode taken = scan("inbox").get("taken").get(0);

        assertThat(taken.get("status").asString()).isEqualTo("FAILED");
        assertThat(taken.get("importJobId").isNull()).isTrue();
        assertThat(taken.get("error").asString()).contains("empty");
        String stored = taken.get("storedName").asString();
        assertThat(names(inbox.resolve("failed"))).containsExactly(stored, stored + ".error.txt");
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameNeverOverwritesTheFirst() throws IOException {
        watch("inbox", inbox);
        Files.writeString(inbox.resolve("people.csv"), "id,first_name\nr1,Ann\n");
        scan("inbox");
        JsonNode first = scan("inbox").get("taken").get(0);
        api.awaitFinished(UUID.fromString(first.get("importJobId").asString()));
        awaitFiles(inbox.resolve("done"), 1);

        Files.writeString(inbox.resolve("people.csv"), "id,first_name\nr1,Anne\n");
        scan("inbox");
        JsonNode second = scan("inbox").get("taken").get(0);
        JsonNode job =
                api.awaitFinished(UUID.fromString(second.get("importJobId").asString()));

        assertThat(counts(job)).isEqualTo("read=1 created=0 updated=1 unchanged=0 rejected=0");
        List<String> done = awaitFiles(inbox.resolve("done"), 2);
        assertThat(done).allMatch(name -> name.endsWith("_people.csv"));
        assertThat(Files.readString(inbox.resolve("done").resolve(done.get(0)))).contains("Ann\n");
        assertThat(Files.readString(inbox.resolve("done").resolve(done.get(1)))).contains("Anne\n");
    }

    @Test
    void aFileStillGrowingWaitsAndTemporaryNamesAreLeftAlone() throws IOException {
        watch("inbox", inbox);
        Path file = inbox.resolve("big.csv");
        Files.writeString(file, "id,first_name\n");
        Files.writeString(inbox.resolve("next.csv.part"), "id,first_name\n");
        Files.writeString(inbox.resolve(".hidden.csv"), "id,first_name\n");
        scan("inbox");
        Files.writeString(file, "id,first_name\ng1,Ann\n");

        JsonNode whileGrowing = scan("inbox");

        assertThat(whileGrowing.get("taken").size()).isZero();
        assertThat(whileGrowing.get("waiting").toString()).contains("big.csv").doesNotContain("part", "hidden");
        assertThat(scan("inbox").get("taken").size()).isEqualTo(1);
        assertThat(names(inbox)).containsExactly(".hidden.csv", "next.csv.part");
    }

    @Test
    void aFolderThatDoesNotExistOrIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file.csv"), "id\n");

        for (String path : List.of(temp.resolve("missing").toString(), file.toString(), "relative/folder", "")) {
            JsonNode problem =
                    assertProblem(putFolder("inbox", Map.of("path", path, "type", "person")), HttpStatus.BAD_REQUEST);
            assertThat(errorFields(problem)).as(path).containsExactly("path");
        }
        JsonNode problem = assertProblem(
                putFolder("Inbox!", Map.of("path", inbox.toString(), "type", "animal", "mapping", "{")),
                HttpStatus.BAD_REQUEST);
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("name", "type");
        assertProblem(api.get("/api/v1/sources/" + source + "/folders/inbox"), HttpStatus.NOT_FOUND);
    }

    @Test
    void twoWatchedFoldersCannotShareAFolder() {
        watch("inbox", inbox);

        JsonNode problem = assertProblem(
                putFolder("other", Map.of("path", inbox.resolve("done").toString(), "type", "person")),
                HttpStatus.BAD_REQUEST);

        assertThat(problem.get("errors").get(0).get("message").asString()).contains("overlaps", "inbox");
    }

    @Test
    void savingAFolderCreatesItsSubfoldersAndAnUpdateKeepsItsName() throws IOException {
        watch("inbox", inbox);

        assertThat(inbox.resolve("processing")).isDirectory();
        assertThat(inbox.resolve("done")).isDirectory();
        assertThat(inbox.resolve("failed")).isDirectory();
        Path other = Files.createDirectories(temp.resolve("other"));
        ResponseEntity<String> updated =
                putFolder("inbox", Map.of("path", other.toString(), "type", "organization", "enabled", false));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode folder = json(updated);
        assertThat(folder.get("path").asString()).isEqualTo(other.toString());
        assertThat(folder.get("type").asString()).isEqualTo("organization");
        assertThat(folder.get("enabled").asBoolean()).isFalse();
        assertThat(json(api.get("/api/v1/sources/" + source + "/folders")).size())
                .isEqualTo(1);
    }

    @Test
    void theScheduledScanLeavesDisabledFoldersAlone() throws IOException {
        ResponseEntity<String> saved =
                putFolder("inbox", Map.of("path", inbox.toString(), "type", "person", "enabled", false));
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Files.writeString(inbox.resolve("people.csv"), "id,first_name\nd1,Ann\n");

        folders.scanAll();
        folders.scanAll();

        assertThat(names(inbox)).containsExactly("people.csv");
    }

    @Test
    void aDeletedFolderIsNoLongerWatchedAndItsFilesStay() throws IOException {
        watch("inbox", inbox);
        Files.writeString(inbox.resolve("people.csv"), "id,first_name\nd1,Ann\n");

        assertThat(api.delete("/api/v1/sources/" + source + "/folders/inbox").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertProblem(api.get("/api/v1/sources/" + source + "/folders/inbox"), HttpStatus.NOT_FOUND);
        folders.scanAll();
        folders.scanAll();
        assertThat(names(inbox)).containsExactly("people.csv");
    }

    @Test
    void onlyAnAdministratorMayConfigureFolders() {
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Viewer", Role.VIEWER);
        AmalgamApi viewer = AmalgamApi.as(port, username, "password-of-" + username);

        assertProblem(
                viewer.put(
                        "/api/v1/sources/" + source + "/folders/inbox",
                        JSON.writeValueAsString(Map.of("path", inbox.toString(), "type", "person"))),
                HttpStatus.FORBIDDEN);
        assertProblem(viewer.get("/api/v1/sources/" + source + "/folders"), HttpStatus.FORBIDDEN);
        assertThat(api.get("/api/v1/sources/" + source + "/folders").getBody()).isEqualTo("[]");
    }
}
