package org.amalgam.golden.api;

import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A bulk load writes its new golden records once, with their first version, through {@code COPY} when there are many:
 * what it writes (values, search, versions, change events, crosswalk rules) is what a small load writes.
 */
@ApplicationTest
class BulkGoldenWriteTests {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    /**
     * Above the store's COPY threshold of golden records (200), and with the second load's records and their
     * neighbours below the 1,000 records from which a load estimates the type's weights.
     */
    private static final int PEOPLE = 300;

    private static final int TWINS = 40;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AmalgamApi api;
    String source;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("bulk-", 10);
    }

    @Test
    void aLargeLoadWritesEachNewGoldenRecordOnceWithTheFirstVersionASmallLoadWrites() {
        String word = uniqueWord();
        // every person has names of their own, so that a record shares blocking keys with its twins only
        StringBuilder csv = new StringBuilder("id,first_name,last_name,email,city\n");
        StringBuilder again = new StringBuilder("id,first_name,last_name,email,city,street\n");
        Set<String> names = new HashSet<>();
        List<String> people = new ArrayList<>();
        while (people.size() < PEOPLE) {
            String first = uniqueName();
            String last = uniqueName();
            if (names.add(first) && names.add(last)) {
                people.add(first + "," + last);
            }
        }
        for (int i = 0; i < PEOPLE; i++) {
            String person = people.get(i);
            String row =
                    "," + person + "," + person.replace(',', '.').toLowerCase(Locale.ROOT) + "@example.com," + word;
            csv.append("p").append(i).append(row).append('\n');
            if (i < TWINS) {
                csv.append("t").append(i).append(row).append('\n');
            }
            again.append("e").append(i).append(row).append(",Lindenallee\n");
        }
        JsonNode job = api.importPersons(source, csv.toString());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(counts(job)).as("the test data is valid").endsWith("rejected=0");

        JsonNode found = json(api.get("/api/v1/golden/person?q=" + word + "&size=1"));
        assertThat(found.get("total").asLong())
                .as("one golden record per person")
                .isEqualTo(PEOPLE);
        JsonNode one =
                json(api.get("/api/v1/golden/person?q=" + people.get(PEOPLE - 1).replace(',', '+') + "+" + word));
        assertThat(one.get("total").asLong())
                .as("the search text of a record written through COPY")
                .isEqualTo(1);

        Map<String, UUID> golden = goldenIds(source);
        for (int i = 0; i < TWINS; i++) {
            assertThat(golden.get("t" + i)).as("twin " + i).isEqualTo(golden.get("p" + i));
        }
        assertThat(new HashSet<>(golden.values())).hasSize(PEOPLE);
        UUID twins = golden.get("p0");
        assertFirstVersion(twins, List.of("city", "email", "first_name", "last_name"));
        assertFirstVersion(golden.get("p" + (PEOPLE - 1)), List.of("city", "email", "first_name", "last_name"));
        assertThat(rules(twins)).containsExactlyInAnyOrder("new entity", "match");
        assertThat(jdbc.sql("select count(*) from golden_record_version where golden_id = any(:ids)")
                        .param("ids", golden.values().stream().distinct().toArray(UUID[]::new))
                        .query(Long.class)
                        .single())
                .as("one version per golden record")
                .isEqualTo(PEOPLE);

        // the same people from another source, with a street: every golden record gets its second version
        String erp = api.createSource("bulk-erp-", 10);
        JsonNode second = api.importPersons(erp, again.toString());
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> joined = goldenIds(erp);
        for (int i = 0; i < PEOPLE; i++) {
            assertThat(joined.get("e" + i)).as("person " + i).isEqualTo(golden.get("p" + i));
        }
        for (UUID id : List.of(twins, golden.get("p" + (PEOPLE - 1)))) {
            JsonNode history = historyOf(id);
            assertThat(history.size()).isEqualTo(2);
            assertThat(history.get(0).get("version").asInt()).isEqualTo(2);
            assertThat(history.get(0).get("changeType").asString()).isEqualTo("UPDATED");
            assertThat(history.get(0).get("details").get("attributes").toString())
                    .isEqualTo("[\"street\"]");
            assertThat(jdbc.sql("select change_type from change_event where golden_id = :id order by sequence")
                            .param("id", id)
                            .query(String.class)
                            .list())
                    .containsExactly("CREATED", "UPDATED");
        }
        assertThat(json(api.get("/api/v1/golden/person?q=lindenallee+" + word + "&size=1"))
                        .get("total")
                        .asLong())
                .as("the search text of the records updated through COPY")
                .isEqualTo(PEOPLE);

        // the same pair in a small load: the same kind of first version, crosswalk rules and change event
        String small = api.createSource("bulk-small-", 10);
        String otherWord = uniqueWord();
        String first = uniqueName();
        String last = uniqueName();
        String row = "," + first + "," + last + "," + (first + "." + last).toLowerCase(Locale.ROOT) + "@example.com,"
                + otherWord + "\n";
        JsonNode smallJob = api.importPersons(small, "id,first_name,last_name,email,city\na" + row + "b" + row);
        assertThat(smallJob.get("status").asString()).as(smallJob.toString()).isEqualTo("COMPLETED");
        Map<String, UUID> smallGolden = goldenIds(small);
        assertThat(smallGolden.get("a")).isEqualTo(smallGolden.get("b"));
        assertFirstVersion(smallGolden.get("a"), List.of("city", "email", "first_name", "last_name"));
        assertThat(rules(smallGolden.get("a"))).containsExactlyInAnyOrder("new entity", "match");
        assertThat(historyOf(smallGolden.get("a")).get(0).get("details"))
                .isEqualTo(historyOf(twins).get(1).get("details"));
    }

    private void assertFirstVersion(UUID id, List<String> attributes) {
        JsonNode history = historyOf(id);
        assertThat(history.size()).as(history.toString()).isEqualTo(1);
        JsonNode version = history.get(0);
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("changeType").asString()).isEqualTo("CREATED");
        assertThat(version.get("changedBy").asString()).isEqualTo("system");
        assertThat(version.get("status").asString()).isEqualTo("ACTIVE");
        List<String> changed = new ArrayList<>();
        version.get("details").get("attributes").forEach(a -> changed.add(a.asString()));
        assertThat(changed).isEqualTo(attributes);
        JsonNode record = json(api.get("/api/v1/golden/person/" + id));
        assertThat(record.get("version").asInt()).isEqualTo(1);
        assertThat(record.get("values").get("email").asString()).endsWith("@example.com");
        assertThat(record.get("lineage").get("email").get("candidates").size()).isPositive();

        List<Map<String, Object>> events = jdbc.sql(
                        """
                        select version, change_type, payload::text as payload from change_event
                         where golden_id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> event = new HashMap<>();
                    event.put("version", rs.getInt("version"));
                    event.put("type", rs.getString("change_type"));
                    event.put("payload", json(rs.getString("payload")));
                    return event;
                })
                .list();
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("version", 1).containsEntry("type", "CREATED");
        JsonNode payload = (JsonNode) events.get(0).get("payload");
        assertThat(payload.get("changeType").asString()).isEqualTo("CREATED");
        assertThat(payload.get("attributes").toString())
                .isEqualTo(version.get("details").get("attributes").toString());
    }

    private JsonNode historyOf(UUID id) {
        ResponseEntity<String> response = api.get("/api/v1/golden/person/" + id + "/history");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private List<String> rules(UUID golden) {
        return jdbc.sql("select rule from crosswalk where golden_id = :id")
                .param("id", golden)
                .query(String.class)
                .list();
    }

    private Map<String, UUID> goldenIds(String sourceCode) {
        Map<String, UUID> ids = new HashMap<>();
        api.get("/api/v1/crosswalk/person?source=" + sourceCode, NDJSON)
                .getBody()
                .lines()
                .map(AmalgamApi::json)
                .forEach(line -> ids.put(
                        line.get("sourceKey").asString(),
                        UUID.fromString(line.get("goldenId").asString())));
        return ids;
    }
}
