package org.amalgam.golden.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class GoldenApiTests {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @LocalServerPort
    int port;

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    private void importPeople(String sourceCode, String header, String... rows) {
        String csv = header + "\n" + String.join("\n", rows).replace("WORD", word) + "\n";
        JsonNode job = api.importPersons(sourceCode, csv);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(counts(job)).as("the test data is valid").endsWith("rejected=0");
    }

    private JsonNode search(String query) {
        ResponseEntity<String> response = api.get("/api/v1/golden/person?q=" + query);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private static List<String> values(JsonNode page, String attribute) {
        List<String> values = new ArrayList<>();
        page.get("items")
                .forEach(item -> values.add(item.get("values").path(attribute).asString()));
        return values;
    }

    private UUID goldenIdOf(String sourceCode, String sourceKey) {
        return api.get("/api/v1/crosswalk/person?source=" + sourceCode, NDJSON)
                .getBody()
                .lines()
                .map(AmalgamApi::json)
                .filter(line -> line.get("sourceKey").asString().equals(sourceKey))
                .map(line -> UUID.fromString(line.get("goldenId").asString()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void searchFindsTheRecordsThatContainEveryWordIgnoringCase() {
        importPeople(
                source,
                "id,first_name,last_name,city",
                "s1,Ann,WORD,Berlin",
                "s2,Bob,WORD,Berlin",
                "s3,Carl,WORD,Paris");

        assertThat(search(word).get("total").asLong()).isEqualTo(3);
        assertThat(values(search("berlin+" + word), "first_name")).containsExactlyInAnyOrder("Ann", "Bob");
        assertThat(values(search("ANN+" + word.toUpperCase(Locale.ROOT)), "first_name"))
                .containsExactly("Ann");
        assertThat(search("nobody+" + word).get("items").size()).isZero();
    }

    @Test
    void searchResultsComeInPages() {
        importPeople(
                source,
                "id,first_name,last_name",
                "s1,Ann,WORD",
                "s2,Bob,WORD",
                "s3,Carl,WORD",
                "s4,Dora,WORD",
                "s5,Emil,WORD");

        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            JsonNode result = json(api.get("/api/v1/golden/person?q=" + word + "&page=" + page + "&size=2"));
            assertThat(result.get("total").asLong()).isEqualTo(5);
            assertThat(result.get("page").asInt()).isEqualTo(page);
            assertThat(result.get("size").asInt()).isEqualTo(2);
            pageSizes.add(result.get("items").size());
            result.get("items").forEach(item -> seen.add(item.get("id").asString()));
        }

        assertThat(pageSizes).containsExactly(2, 2, 1, 0);
        assertThat(seen).as("every record once, on exactly one page").hasSize(5);
    }

    @Test
    void aSearchResultSaysHowManySourceRecordsMakeUpEachGoldenRecord() {
        importPeople(
                source,
                "id,first_name,last_name,email",
                "s1,Ann,WORD,ann.WORD@example.com",
                "s2,Ann,WORD,ann.WORD@example.com");

        JsonNode item = search(word).get("items").get(0);

        assertThat(item.get("sourceRecords").asInt()).isEqualTo(2);
        assertThat(item.get("type").asString()).isEqualTo("person");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            size=0     | size
            size=501   | size
            page=-1    | page
            size=many  | size
            """)
    void refusesPagingOutOfRange(String parameter, String named) {
        JsonNode problem = assertProblem(api.get("/api/v1/golden/person?" + parameter), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains(named);
    }

    @Test
    void aGoldenRecordShowsItsValuesTheirLineageAndItsCrosswalk() {
        String shop = api.createSource("shop-", 60);
        importPeople(source, "id,first_name,last_name,email", "c1,Ann,WORD,ann.WORD@example.com");
        importPeople(shop, "id,first_name,last_name,email,city", "s1,Annie,WORD, ANN.WORD@example.com ,Hamburg");
        UUID id = goldenIdOf(source, "c1");

        ResponseEntity<String> response = api.get("/api/v1/golden/person/" + id);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode golden = json(response);
        assertThat(golden.get("id").asString()).isEqualTo(id.toString());
        assertThat(golden.get("type").asString()).isEqualTo("person");
        assertThat(golden.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(golden.get("version").asInt())
                .as("created, then changed by the shop's record")
                .isEqualTo(2);

        JsonNode values = golden.get("values");
        assertThat(values.get("first_name").asString())
                .as("from the more trusted source")
                .isEqualTo("Ann");
        assertThat(values.get("city").asString()).as("only the shop knows it").isEqualTo("Hamburg");

        JsonNode firstName = golden.get("lineage").get("first_name");
        assertThat(firstName.get("source").asString()).isEqualTo(source);
        assertThat(firstName.get("sourceKey").asString()).isEqualTo("c1");
        assertThat(firstName.get("rule").asString()).isNotBlank();
        List<String> offered = new ArrayList<>();
        firstName
                .get("candidates")
                .forEach(c -> offered.add(
                        c.get("source").asString() + ":" + c.get("value").asString()));
        assertThat(offered).containsExactly(source + ":Ann", shop + ":Annie");
        assertThat(golden.get("lineage").get("city").get("source").asString()).isEqualTo(shop);

        List<String> crosswalk = new ArrayList<>();
        golden.get("crosswalk")
                .forEach(entry -> crosswalk.add(entry.get("source").asString() + "/"
                        + entry.get("sourceKey").asString() + "/"
                        + entry.get("rule").asString()));
        assertThat(crosswalk).containsExactly(source + "/c1/new entity", shop + "/s1/match");
    }

    @Test
    void anUnknownGoldenRecordIsNotFound() {
        UUID id = UUID.randomUUID();

        JsonNode problem = assertProblem(api.get("/api/v1/golden/person/" + id), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(id.toString());
    }

    @Test
    void theCrosswalkIsCsvOfSourceSourceKeyAndGoldenId() {
        importPeople(source, "id,first_name,last_name", "k2,Bob,WORD", "k1,Ann,WORD");

        ResponseEntity<String> response = api.get("/api/v1/crosswalk/person?source=" + source, CSV);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(CSV)).isTrue();
        assertThat(response.getBody().lines().toList())
                .containsExactly(
                        "source,source_key,golden_id",
                        source + ",k1," + goldenIdOf(source, "k1"),
                        source + ",k2," + goldenIdOf(source, "k2"));
    }

    @Test
    void theCrosswalkWithoutASourceCoversEverySourceSystem() {
        String shop = api.createSource("shop-", 60);
        importPeople(source, "id,first_name,last_name", "k1,Ann,WORD");
        importPeople(shop, "id,first_name,last_name", "k1,Bob,WORD");

        List<String> lines =
                api.get("/api/v1/crosswalk/person").getBody().lines().toList();

        assertThat(lines.get(0)).isEqualTo("source,source_key,golden_id");
        assertThat(lines)
                .contains(source + ",k1," + goldenIdOf(source, "k1"))
                .contains(shop + ",k1," + goldenIdOf(shop, "k1"));
    }

    @Test
    void theCrosswalkIsNdjsonWhenAskedFor() {
        importPeople(source, "id,first_name,last_name", "k1,Ann,WORD", "k2,Bob,WORD");

        ResponseEntity<String> response = api.get("/api/v1/crosswalk/person?source=" + source, NDJSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(NDJSON))
                .isTrue();
        List<JsonNode> lines = response.getBody().lines().map(AmalgamApi::json).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("source").asString()).isEqualTo(source);
            assertThat(UUID.fromString(line.get("goldenId").asString())).isNotNull();
        });
        assertThat(lines).extracting(line -> line.get("sourceKey").asString()).containsExactly("k1", "k2");
    }

    @Test
    void theCrosswalkOfAnUnknownSourceSystemIsNotFound() {
        String unknown = unique("nowhere-");

        JsonNode problem = assertProblem(api.get("/api/v1/crosswalk/person?source=" + unknown), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(unknown);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/golden/unicorn",
                "/api/v1/golden/unicorn/0196f0a0-0000-7000-8000-000000000000",
                "/api/v1/crosswalk/unicorn"
            })
    void anUnknownEntityTypeIsNotFoundAndTheKnownOnesAreNamed(String path) {
        JsonNode problem = assertProblem(api.get(path), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains("unicorn").contains("person");
    }
}
