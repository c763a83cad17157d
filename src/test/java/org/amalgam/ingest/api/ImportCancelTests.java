package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class ImportCancelTests {

    private static final int ROWS = 200_000;

    /** A guard against a stuck job, not a measurement: the test asserts nothing about how fast anything is. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @TempDir
    Path folder;

    @Value("${amalgam.import.spool-dir}")
    Path spoolDir;

    AmalgamApi api;
    String source;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
    }

    private Path largeFile() throws IOException {
        Path file = folder.resolve("people.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,first_name,last_name,city\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write("r" + i + ",First" + i + ",Last" + i + ",City" + (i % 100) + "\n");
            }
        }
        return file;
    }

    private UUID startImport(Path file, boolean snapshot) {
        return startImport(source, file, snapshot);
    }

    private UUID startImport(String sourceCode, Path file, boolean snapshot) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new FileSystemResource(file));
        ResponseEntity<String> accepted =
                api.postMultipart("/api/v1/sources/" + sourceCode + "/imports?type=person&snapshot=" + snapshot, parts);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return UUID.fromString(json(accepted).get("id").asString());
    }

    /** Waits until the job runs and has stored its first rows, so that cancelling it stops it half-way. */
    private void awaitFirstRowsStored(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = json(api.get("/api/v1/imports/" + id));
            String status = job.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                fail("The import finished before the test could cancel it: %s", job);
            }
            if (status.equals("RUNNING") && job.get("counts").get("read").asLong() > 0) {
                return;
            }
            Thread.sleep(20);
        }
        fail("The import %s stored no row; last answer: %s", id, job);
    }

    private void awaitRunning(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String status = json(api.get("/api/v1/imports/" + id)).get("status").asString();
            if (status.equals("RUNNING")) {
                return;
            }
            assertThat(status).as("import %s", id).isEqualTo("QUEUED");
            Thread.sleep(20);
        }
        fail("The import %s did not start", id);
    }

    private UUID finishedImport() {
        ResponseEntity<String> accepted = api.upload(
                source, "person", "people.csv", "id,first_name\nk1,Ann\n".getBytes(StandardCharsets.UTF_8), null);
        UUID id = UUID.fromString(json(accepted).get("id").asString());
        assertThat(api.awaitFinished(id).get("status").asString()).isEqualTo("COMPLETED");
        return id;
    }

    private long crosswalkSize() {
        return api.get("/api/v1/crosswalk/person?source=" + source)
                        .getBody()
                        .lines()
                        .count()
                - 1;
    }

    @Test
    void aCancelledImportStopsHalfWayAndKeepsTheRowsItStored() throws Exception {
        UUID id = startImport(largeFile(), false);
        awaitFirstRowsStored(id);

        ResponseEntity<String> cancelled = api.post("/api/v1/imports/" + id + "/cancel", "");

        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode job = api.awaitFinished(id);
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        long read = job.get("counts").get("read").asLong();
        assertThat(read).isPositive().isLessThan(ROWS);
        assertThat(job.get("error").asString()).contains("rows before stay stored");
        assertThat(crosswalkSize())
                .as("the rows stored before the cancel are there, and only those")
                .isEqualTo(job.get("counts").get("created").asLong())
                .isEqualTo(read);
    }

    @Test
    void aCancelledSnapshotDeletesNothing() throws Exception {
        api.importPersons(source, "id,first_name,last_name\nold1,Olga,Old\n");
        UUID id = startImport(largeFile(), true);
        awaitFirstRowsStored(id);

        api.post("/api/v1/imports/" + id + "/cancel", "");

        JsonNode job = api.awaitFinished(id);
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("counts").get("deleted").asLong()).isZero();
        assertThat(job.get("error").asString()).contains("no record was deleted");
        assertThat(api.get("/api/v1/xref/" + source + "/person/old1").getStatusCode())
                .as("the record the snapshot did not reach is still there")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aQueuedImportIsCancelledAtOnceAndItsUploadIsRemoved() throws Exception {
        // both import workers are busy with a large file, so the next upload waits in the queue
        Path file = largeFile();
        UUID first = startImport(file, false);
        UUID second = startImport(api.createSource("erp-", 20), file, false);
        awaitRunning(first);
        awaitRunning(second);
        ResponseEntity<String> accepted = api.upload(
                source, "person", "small.csv", "id,first_name\nq1,Quinn\n".getBytes(StandardCharsets.UTF_8), null);
        UUID queued = UUID.fromString(json(accepted).get("id").asString());

        JsonNode cancelled = json(api.post("/api/v1/imports/" + queued + "/cancel", ""));

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("counts").get("read").asLong()).isZero();
        assertThat(cancelled.get("error").asString()).contains("before it started");
        api.post("/api/v1/imports/" + first + "/cancel", "");
        api.post("/api/v1/imports/" + second + "/cancel", "");
        api.awaitFinished(first);
        api.awaitFinished(second);
        // the workers take queued work in order: once a later import is done, the cancelled one was passed over
        finishedImport();
        assertThat(api.awaitFinished(queued).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/xref/" + source + "/person/q1").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(spoolDir.resolve(queued + ".upload"))
                .as("the uploaded file of a cancelled import is not kept")
                .doesNotExist();
    }

    @Test
    void cancellingAFinishedImportIsABadRequest() {
        UUID id = finishedImport();

        JsonNode problem = assertProblem(api.post("/api/v1/imports/" + id + "/cancel", ""), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("already finished");
        assertThat(json(api.get("/api/v1/imports/" + id)).get("status").asString())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aViewerMayNotCancelAnImport() {
        UUID id = finishedImport();
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);

        ResponseEntity<String> response =
                AmalgamApi.as(port, username, "password-of-" + username).post("/api/v1/imports/" + id + "/cancel", "");

        assertProblem(response, HttpStatus.FORBIDDEN);
    }

    @Test
    void aSourceKeyMayAskToCancelItsOwnSourcesImport() {
        UUID id = finishedImport();
        AmalgamApi key = AmalgamApi.withApiKey(port, api.createApiKey(source));

        JsonNode problem = assertProblem(key.post("/api/v1/imports/" + id + "/cancel", ""), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString())
                .as("allowed, and answered on its merits")
                .contains("already finished");
    }

    @Test
    void cancellingAnUnknownImportIsNotFound() {
        UUID id = UUID.randomUUID();

        JsonNode problem = assertProblem(api.post("/api/v1/imports/" + id + "/cancel", ""), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(id.toString());
    }
}
