package org.amalgam.ingest.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.errorFields;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.amalgam.ingest.jdbc.DepartmentDatabase;
import org.amalgam.ingest.jdbc.JdbcPulls;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A MariaDB table pulled incrementally, as a department database would be (see {@link DepartmentDatabase}). */
@ApplicationTest
class JdbcPullApiTests {

    private static final LocalDateTime T1 = LocalDateTime.parse("2024-03-01T08:00:00");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcPulls pulls;

    @Autowired
    Users users;

    DepartmentDatabase mariaDb;
    AmalgamApi api;
    String source;
    String table;

    @BeforeEach
    void createSourceAndDepartmentTable() {
        mariaDb = DepartmentDatabase.mariaDb();
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("erp-", 20);
        table = DepartmentDatabase.uniqueTable("amalgam_customer_");
        mariaDb.execute("create table " + table + " (id varchar(20) primary key, first_name varchar(100),"
                + " last_name varchar(100), email varchar(200), birth_date date, version bigint not null default 1,"
                + " updated_at datetime(6) not null)");
    }

    @AfterEach
    void dropDepartmentTable() {
        if (mariaDb != null && table != null) {
            mariaDb.execute("drop table if exists " + table);
        }
    }

    private void insert(String id, String first, String last, String email, LocalDateTime updatedAt) {
        mariaDb.execute(
                "insert into " + table + " (id, first_name, last_name, email, birth_date, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                id,
                first,
                last,
                email,
                LocalDate.parse("1980-01-05"),
                updatedAt);
    }

    private String pullJson(String query, String watermarkColumn) {
        return body(Map.of(
                "type",
                "person",
                "jdbcUrl",
                mariaDb.url(),
                "username",
                mariaDb.username(),
                "query",
                query,
                "keyColumn",
                "id",
                "watermarkColumn",
                watermarkColumn,
                "schedule",
                "PT1H",
                "enabled",
                false));
    }

    private static String body(Map<String, Object> values) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(values);
    }

    private String selectAll() {
        return "select id, first_name, last_name, email, birth_date, updated_at from " + table;
    }

    private void definePull(String name, String body) {
        ResponseEntity<String> saved = api.put("/api/v1/sources/" + source + "/pulls/" + name, body);
        assertThat(saved.getStatusCode()).as(saved.getBody()).isIn(HttpStatus.CREATED, HttpStatus.OK);
    }

    private JsonNode run(String name) {
        ResponseEntity<String> accepted = api.post("/api/v1/sources/" + source + "/pulls/" + name + "/run", null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String id = json(accepted).get("id").asString();
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/imports/" + id);
        return api.awaitFinished(UUID.fromString(id));
    }

    private JsonNode pull(String name) {
        ResponseEntity<String> response = api.get("/api/v1/sources/" + source + "/pulls/" + name);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    /** source key to e-mail of this source's live records, as stored. */
    private Map<String, String> storedEmails() {
        Map<String, String> emails = new HashMap<>();
        jdbc.sql(
                        """
                        select r.source_key, r.attributes ->> 'email' as email from source_record r
                          join source_system s on s.id = r.source_id where s.code = :source
                        """)
                .param("source", source)
                .query((rs, n) -> emails.put(rs.getString(1), rs.getString(2)))
                .list();
        return emails;
    }

    @Test
    void eachRunPullsOnlyTheRowsChangedSinceTheLastCompletedRun() {
        insert("c1", "Ann", "Lee", "Ann.Lee@Example.com", T1);
        insert("c2", "Bob", "Ray", "bob@example.com", T1.plusMinutes(1));
        insert("c3", "Cy", "Day", "cy@example.com", T1.plusMinutes(2));
        definePull("customers", pullJson(selectAll(), "updated_at"));

        JsonNode first = run("customers");

        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(first.get("fileName").asString()).isEqualTo("pull customers");
        assertThat(counts(first)).isEqualTo("read=3 created=3 updated=0 unchanged=0 rejected=0");
        assertThat(pull("customers").get("watermark").asString()).isEqualTo("2024-03-01T08:02:00");
        assertThat(storedEmails()).containsEntry("c1", "ann.lee@example.com").hasSize(3);

        mariaDb.execute(
                "update " + table + " set email = ?, updated_at = ? where id = 'c2'",
                "robert@example.com",
                T1.plusHours(1));
        insert("c4", "Dee", "Fox", "dee@example.com", T1.plusHours(2));

        JsonNode second = run("customers");

        assertThat(counts(second))
                .as("only the changed and the new row are read")
                .isEqualTo("read=2 created=1 updated=1 unchanged=0 rejected=0");
        assertThat(storedEmails())
                .containsEntry("c2", "robert@example.com")
                .containsEntry("c4", "dee@example.com")
                .hasSize(4);
        JsonNode afterSecond = pull("customers");
        assertThat(afterSecond.get("watermark").asString()).isEqualTo("2024-03-01T10:00:00");
        assertThat(afterSecond.get("watermarkKind").asString()).isEqualTo("TIMESTAMP");
        assertThat(afterSecond.get("lastRun").get("id").asString())
                .isEqualTo(second.get("id").asString());

        JsonNode third = run("customers");

        assertThat(counts(third)).isEqualTo("read=0 created=0 updated=0 unchanged=0 rejected=0");
        assertThat(pull("customers").get("watermark").asString()).isEqualTo("2024-03-01T10:00:00");
    }

    @Test
    void valuesArriveAsTheyWouldFromAFile() {
        insert("v1", "Ann", "Lee", "ann@example.com", T1);
        definePull("customers", pullJson(selectAll(), "updated_at"));

        run("customers");

        JsonNode record = json(jdbc.sql(
                        """
                        select r.raw::text from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = 'v1'
                        """)
                .param("source", source)
                .query(String.class)
                .single());
        assertThat(record.get("birth_date").asString()).isEqualTo("1980-01-05");
        assertThat(record.get("updated_at").asString()).isEqualTo("2024-03-01T08:00:00");
        String birthDate = jdbc.sql(
                        """
                        select r.attributes ->> 'birth_date' from source_record r
                          join source_system s on s.id = r.source_id where s.code = :source and r.source_key = 'v1'
                        """)
                .param("source", source)
                .query(String.class)
                .single();
        assertThat(birthDate).isEqualTo("1980-01-05");
    }

    @Test
    void aQueryThatNamesTheWatermarkGetsItAsAParameterOfTheColumnsType() {
        insert("n1", "Ann", "Lee", "ann@example.com", T1);
        insert("n2", "Bob", "Ray", "bob@example.com", T1);
        mariaDb.execute("update " + table + " set version = 9 where id = 'n1'");
        mariaDb.execute("update " + table + " set version = 10 where id = 'n2'");
        String query = "select id, first_name, last_name, email, version from " + table
                + " where :watermark is null or version > :watermark -- ':watermark' in a comment stays";
        definePull("versions", pullJson(query, "version"));

        assertThat(counts(run("versions"))).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(pull("versions").get("watermark").asString())
                .as("10 is larger than 9 as a number, not as text")
                .isEqualTo("10");

        mariaDb.execute("update " + table + " set email = 'ann.lee@example.com', version = 11 where id = 'n1'");

        assertThat(counts(run("versions"))).isEqualTo("read=1 created=0 updated=1 unchanged=0 rejected=0");
        assertThat(pull("versions").get("watermarkKind").asString()).isEqualTo("NUMBER");
    }

    @Test
    void aFailingQueryFailsTheRunAndLeavesTheWatermarkAndTheRecords() {
        insert("f1", "Ann", "Lee", "ann@example.com", T1);
        definePull("customers", pullJson(selectAll(), "updated_at"));
        run("customers");
        Map<String, String> before = storedEmails();

        definePull("customers", pullJson("select id, email, updated_at from " + table + "_missing", "updated_at"));
        JsonNode failed = run("customers");

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString())
                .startsWith("The query failed")
                .contains(table + "_missing")
                .contains("watermark was not moved");
        JsonNode pull = pull("customers");
        assertThat(pull.get("watermark").asString()).isEqualTo("2024-03-01T08:00:00");
        assertThat(pull.get("running").asBoolean()).isFalse();
        assertThat(pull.get("lastRun").get("status").asString()).isEqualTo("FAILED");
        assertThat(storedEmails()).isEqualTo(before);
    }

    @Test
    void aRefusedLoginFailsTheRunWithAMessageThatNeverShowsThePassword() {
        String password = "Secret-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of(
                "type",
                "person",
                "jdbcUrl",
                mariaDb.url(),
                "username",
                unique("nobody_"),
                "password",
                password,
                "query",
                selectAll(),
                "keyColumn",
                "id",
                "watermarkColumn",
                "updated_at",
                "schedule",
                "*/15 * * * *",
                "enabled",
                false));
        ResponseEntity<String> saved = api.put("/api/v1/sources/" + source + "/pulls/customers", body(body));

        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(saved.getBody()).doesNotContain(password).doesNotContain("\"password\"");
        assertThat(json(saved).get("passwordSet").asBoolean()).isTrue();

        JsonNode failed = run("customers");

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString())
                .startsWith("Could not connect to " + mariaDb.url())
                .containsIgnoringCase("access denied")
                .doesNotContain(password);
        assertThat(api.get("/api/v1/sources/" + source + "/pulls").getBody()).doesNotContain(password);
        assertThat(pull("customers").get("watermark").isNull()).isTrue();
        assertThat(storedEmails()).isEmpty();
    }

    @Test
    void leavingThePasswordOutOfAnUpdateKeepsIt() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "type", "person",
                "jdbcUrl", mariaDb.url(),
                "username", "someone",
                "password", "kept-password",
                "query", selectAll(),
                "keyColumn", "id",
                "watermarkColumn", "updated_at",
                "schedule", "PT5M",
                "enabled", false));
        api.put("/api/v1/sources/" + source + "/pulls/customers", body(body));
        body.remove("password");
        body.put("schedule", "PT10M");

        ResponseEntity<String> updated = api.put("/api/v1/sources/" + source + "/pulls/customers", body(body));

        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(updated).get("passwordSet").asBoolean()).isTrue();
        assertThat(json(updated).get("schedule").asString()).isEqualTo("PT10M");
        body.put("password", "");
        assertThat(json(api.put("/api/v1/sources/" + source + "/pulls/customers", body(body)))
                        .get("passwordSet")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aPullIsNotStartedAgainWhileItRuns() {
        insert("s1", "Ann", "Lee", "ann@example.com", T1);
        insert("s2", "Bob", "Ray", "bob@example.com", T1);
        definePull(
                "slow",
                pullJson("select id, first_name, email, updated_at, sleep(1) as pause from " + table, "updated_at"));
        ResponseEntity<String> first = api.post("/api/v1/sources/" + source + "/pulls/slow/run", null);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        ResponseEntity<String> second = api.post("/api/v1/sources/" + source + "/pulls/slow/run", null);

        JsonNode problem = assertProblem(second, HttpStatus.CONFLICT);
        String firstId = json(first).get("id").asString();
        assertThat(problem.get("importJob").asString()).isEqualTo(firstId);
        assertThat(api.awaitFinished(UUID.fromString(firstId)).get("status").asString())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aDuePullIsStartedByExactlyOneOfTwoPollersAtOnce() throws Exception {
        insert("d1", "Ann", "Lee", "ann@example.com", T1);
        Map<String, Object> body = new HashMap<>(Map.of(
                "type",
                "person",
                "jdbcUrl",
                mariaDb.url(),
                "username",
                mariaDb.username(),
                "query",
                selectAll(),
                "keyColumn",
                "id",
                "watermarkColumn",
                "updated_at",
                "schedule",
                "PT1H",
                "enabled",
                true));
        String name = unique("due-");
        definePull(name, body(body));
        assertThat(pull(name).get("nextRunAt").asString())
                .as("an interval pull is due at once")
                .isNotBlank();

        CompletableFuture<Void> one = CompletableFuture.runAsync(pulls::runDue);
        CompletableFuture<Void> other = CompletableFuture.runAsync(pulls::runDue);
        CompletableFuture.allOf(one, other).get();

        long runs = jdbc.sql(
                        """
                        select count(*) from import_job j join source_system s on s.id = j.source_id
                         where s.code = :source and j.file_name = :file
                        """)
                .param("source", source)
                .param("file", "pull " + name)
                .query(Long.class)
                .single();
        assertThat(runs).isEqualTo(1);
        JsonNode pull = pull(name);
        JsonNode job =
                api.awaitFinished(UUID.fromString(pull.get("lastRun").get("id").asString()));
        assertThat(counts(job)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(pull(name).get("nextRunAt").asString())
                .as("the next run is an hour after this one")
                .isGreaterThan(job.get("createdAt").asString().substring(0, 13));
        body.put("enabled", false);
        definePull(name, body(body));
    }

    @Test
    void aRunLeftBehindByAStoppedInstanceIsEndedAndTheNextRunReadsItsRowsAgain() {
        insert("a1", "Ann", "Lee", "ann@example.com", T1);
        definePull("customers", pullJson(selectAll(), "updated_at"));
        UUID abandoned = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into import_job (id, source_id, entity_type_id, status, file_name, created_by, started_at,
                                                updated_at)
                        select :id, s.id, t.id, 'RUNNING', 'pull customers', 'schedule', now() - interval '1 hour',
                               now() - interval '1 hour'
                          from source_system s, entity_type t where s.code = :source and t.code = 'person'
                        """)
                .param("id", abandoned)
                .param("source", source)
                .update();
        jdbc.sql(
                        """
                        update jdbc_pull set running_job_id = :id, last_job_id = :id
                         where name = 'customers' and source_id = (select id from source_system where code = :source)
                        """)
                .param("id", abandoned)
                .param("source", source)
                .update();

        pulls.runDue();

        JsonNode ended = json(api.get("/api/v1/imports/" + abandoned));
        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("error").asString()).contains("interrupted");
        assertThat(pull("customers").get("running").asBoolean()).isFalse();
        assertThat(counts(run("customers"))).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
    }

    @Test
    void aPullThatDoesNotFitIsRefusedWithWhatToFix() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "type", "animal",
                "jdbcUrl", "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=leaked",
                "query", " ",
                "keyColumn", "id",
                "watermarkColumn", "updated at",
                "schedule", "every five minutes"));

        JsonNode problem = assertProblem(
                api.put("/api/v1/sources/" + source + "/pulls/Bad Name", body(body)), HttpStatus.BAD_REQUEST);

        assertThat(errorFields(problem))
                .containsExactlyInAnyOrder("name", "type", "jdbcUrl", "query", "watermarkColumn", "schedule");
        assertThat(problem.toString()).doesNotContain("leaked");
        assertThat(api.get("/api/v1/sources/" + source + "/pulls").getBody()).isEqualTo("[]");
    }

    @Test
    void aMappingMapsTheColumnsAndMustFitTheModel() {
        insert("m1", "Ann", "Lee", "ann@example.com", T1);
        Map<String, Object> body = new HashMap<>(Map.of(
                "type",
                "person",
                "jdbcUrl",
                mariaDb.url(),
                "username",
                mariaDb.username(),
                "query",
                "select id, first_name as given, email, updated_at from " + table,
                "keyColumn",
                "id",
                "watermarkColumn",
                "updated_at",
                "schedule",
                "PT1H",
                "enabled",
                false,
                "mapping",
                Map.of("attributes", Map.of("shoe_size", "given"))));
        JsonNode problem = assertProblem(
                api.put("/api/v1/sources/" + source + "/pulls/mapped", body(body)), HttpStatus.BAD_REQUEST);
        assertThat(errorFields(problem)).containsExactly("mapping");

        body.put("mapping", Map.of("attributes", Map.of("first_name", "given")));
        definePull("mapped", body(body));
        run("mapped");

        String firstName = jdbc.sql(
                        """
                        select r.attributes ->> 'first_name' from source_record r
                          join source_system s on s.id = r.source_id where s.code = :source and r.source_key = 'm1'
                        """)
                .param("source", source)
                .query(String.class)
                .single();
        assertThat(firstName).isEqualTo("Ann");
    }

    @Test
    void aDeletedPullIsGoneButWhatItStoredStays() {
        insert("x1", "Ann", "Lee", "ann@example.com", T1);
        definePull("customers", pullJson(selectAll(), "updated_at"));
        JsonNode job = run("customers");

        assertThat(api.delete("/api/v1/sources/" + source + "/pulls/customers").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertProblem(api.get("/api/v1/sources/" + source + "/pulls/customers"), HttpStatus.NOT_FOUND);
        assertProblem(api.post("/api/v1/sources/" + source + "/pulls/customers/run", null), HttpStatus.NOT_FOUND);
        assertThat(storedEmails()).containsOnlyKeys("x1");
        assertThat(api.get("/api/v1/imports/" + job.get("id").asString()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyAnAdministratorMaySeeOrChangePulls() {
        definePull("customers", pullJson(selectAll(), "updated_at"));
        String username = unique("steward-");
        users.create(username, "password-of-" + username, "Steward", Role.STEWARD);
        AmalgamApi steward = AmalgamApi.as(port, username, "password-of-" + username);

        assertProblem(steward.get("/api/v1/sources/" + source + "/pulls"), HttpStatus.FORBIDDEN);
        assertProblem(
                steward.put("/api/v1/sources/" + source + "/pulls/customers", pullJson("select 1", "x")),
                HttpStatus.FORBIDDEN);
        assertProblem(steward.post("/api/v1/sources/" + source + "/pulls/customers/run", null), HttpStatus.FORBIDDEN);
        assertProblem(steward.delete("/api/v1/sources/" + source + "/pulls/customers"), HttpStatus.FORBIDDEN);
        assertThat(pull("customers").get("query").asString()).isEqualTo(selectAll());
        assertThat(api.get("/api/v1/sources/" + source + "/pulls", MediaType.APPLICATION_JSON)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
