package org.amalgam.golden.api;

import static org.amalgam.testing.AmalgamApi.assertProblem;
import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class RecordPushApiTests {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @LocalServerPort
    int port;

    /** Only for what the API does not show: the raw payload and the data-quality flags of a source record. */
    @Autowired
    JdbcClient jdbc;

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    /** A person's JSON with the test's unique last name and e-mail domain; {@code WORD} in a value stands for it. */
    private String person(String firstName, String... more) {
        StringBuilder body = new StringBuilder("{\"first_name\": \"" + firstName + "\", \"last_name\": \"WORD\"");
        for (int i = 0; i < more.length; i += 2) {
            body.append(", \"")
                    .append(more[i])
                    .append("\": \"")
                    .append(more[i + 1])
                    .append('"');
        }
        return body.append('}').toString().replace("WORD", word);
    }

    private JsonNode push(String sourceCode, String sourceKey, String body) {
        ResponseEntity<String> response = api.push(sourceCode, "person", sourceKey, body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private static UUID goldenId(JsonNode pushed) {
        return UUID.fromString(pushed.get("goldenId").asString());
    }

    private JsonNode golden(UUID id) {
        ResponseEntity<String> response = api.get("/api/v1/golden/person/" + id);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    private long searchTotal() {
        return json(api.get("/api/v1/golden/person?q=" + word)).get("total").asLong();
    }

    private List<String> crosswalkKeys(String sourceCode) {
        ResponseEntity<String> response = api.get("/api/v1/crosswalk/person?source=" + sourceCode, NDJSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = response.getBody();
        return (body == null ? "" : body)
                .lines()
                .map(line -> json(line).get("sourceKey").asString())
                .toList();
    }

    private static List<String> crosswalk(JsonNode golden) {
        List<String> entries = new ArrayList<>();
        golden.get("crosswalk")
                .forEach(entry -> entries.add(entry.get("source").asString() + "/"
                        + entry.get("sourceKey").asString()));
        return entries;
    }

    private Map<String, Object> storedSourceRecord(String sourceKey) {
        return jdbc.sql(
                        """
                        select r.raw::text as raw, r.attributes::text as attributes, r.issues::text as issues, r.version
                          from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("source", source)
                .param("key", sourceKey)
                .query()
                .singleRow();
    }

    @Test
    void aNewEntityIsCreatedAsAGoldenRecordAtOnce() {
        JsonNode pushed = push(source, "k1", person("Ann", "email", "ann@WORD.example", "city", "Berlin"));

        assertThat(pushed.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(pushed.get("evidence").isEmpty()).as("nothing was matched").isTrue();
        JsonNode golden = golden(goldenId(pushed));
        assertThat(golden.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(golden.get("values").get("first_name").asString()).isEqualTo("Ann");
        assertThat(golden.get("values").get("email").asString()).isEqualTo("ann@" + word.toLowerCase() + ".example");
        assertThat(golden.get("values").get("city").asString()).isEqualTo("Berlin");
        assertThat(crosswalk(golden)).containsExactly(source + "/k1");
    }

    @Test
    void aRecordWhoseNormalizedEmailEqualsAGoldenRecordsIsMergedIntoIt() {
        String shop = api.createSource("shop-", 60);
        JsonNode first = push(source, "c1", person("Ann", "email", "ann.lee@WORD.example"));

        JsonNode second = push(shop, "s1", person("Annie", "email", "  Ann.Lee@WORD.EXAMPLE ", "city", "Hamburg"));

        assertThat(second.get("outcome").asString()).isEqualTo("MERGED");
        assertThat(goldenId(second)).isEqualTo(goldenId(first));
        assertThat(second.get("evidence").toString())
                .as("the evidence names the rule and the comparisons that decided")
                .contains("\"rule\":\"match\"")
                .contains("\"comparison\":\"email\"")
                .contains("\"level\":\"exact\"");
        JsonNode golden = golden(goldenId(first));
        assertThat(crosswalk(golden)).containsExactly(source + "/c1", shop + "/s1");
        assertThat(golden.get("values").get("first_name").asString())
                .as("from the more trusted source")
                .isEqualTo("Ann");
        assertThat(golden.get("values").get("city").asString())
                .as("only the shop knows it")
                .isEqualTo("Hamburg");
        assertThat(searchTotal()).as("one golden record, not two").isEqualTo(1);
    }

    @Test
    void parallelPushesWithTheSameEmailMakeOneGoldenRecord() throws Exception {
        String shop = api.createSource("shop-", 60);
        List<Callable<JsonNode>> pushes = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String sourceCode = i % 2 == 0 ? source : shop;
            String key = "p" + i;
            pushes.add(() -> push(sourceCode, key, person("Ann", "email", "ann@WORD.example")));
        }

        List<JsonNode> answers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<JsonNode> answer : threads.invokeAll(pushes)) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(answers.stream().map(RecordPushApiTests::goldenId).distinct())
                .hasSize(1);
        assertThat(answers.stream().map(a -> a.get("outcome").asString()))
                .containsOnlyOnce("CREATED")
                .containsOnly("CREATED", "MERGED");
        assertThat(answers.stream()
                        .filter(a -> a.get("outcome").asString().equals("MERGED"))
                        .map(a -> a.get("evidence").toString()))
                .allSatisfy(evidence ->
                        assertThat(evidence).contains("\"rule\":\"match\"").contains("\"kind\":\"SAME\""));
        assertThat(searchTotal()).isEqualTo(1);
    }

    /**
     * Pushes are scored side by side and serialize only on shared blocking keys and golden records: sixteen pushes at
     * once, four copies each of four people from two sources, make four golden records of four records each, and the
     * change feed stays gapless, in commit order, with every golden record's versions in order.
     */
    @Test
    void parallelPushesOfSeveralPeopleMakeOneGoldenRecordEachAndAGaplessChangeFeed() throws Exception {
        String shop = api.createSource("shop-", 60);
        long before = lastSequence();
        List<String> names = List.of("Ann", "Bert", "Cleo", "Dirk");
        List<Callable<JsonNode>> pushes = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            for (String name : names) {
                String sourceCode = copy % 2 == 0 ? source : shop;
                String key = name + "-" + copy;
                pushes.add(() -> push(
                        sourceCode,
                        key,
                        person(
                                name,
                                "email",
                                name.toLowerCase(java.util.Locale.ROOT) + "@WORD.example",
                                "birth_date",
                                "1980-0" + (names.indexOf(name) + 1) + "-15")));
            }
        }

        List<JsonNode> answers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            for (Future<JsonNode> answer : threads.invokeAll(pushes)) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        Map<String, java.util.Set<UUID>> goldensByName = new java.util.HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            String name = names.get(i % names.size());
            goldensByName.computeIfAbsent(name, n -> new java.util.HashSet<>()).add(goldenId(answers.get(i)));
        }
        assertThat(goldensByName.values()).as("one golden record per person").allSatisfy(ids -> assertThat(ids)
                .hasSize(1));
        assertThat(goldensByName.values().stream()
                        .flatMap(java.util.Set::stream)
                        .distinct())
                .as("four people, four golden records")
                .hasSize(4);
        assertThat(answers.stream().map(a -> a.get("outcome").asString()).filter("CREATED"::equals))
                .hasSize(4);
        assertThat(searchTotal()).isEqualTo(4);

        JsonNode feed = json(api.get("/api/v1/changes?after=" + before + "&limit=1000"));
        List<Long> sequences = new ArrayList<>();
        Map<String, Integer> lastVersion = new java.util.HashMap<>();
        for (JsonNode event : feed) {
            sequences.add(event.get("sequence").asLong());
            String golden = event.get("goldenId").asString();
            int version = event.get("version").asInt();
            Integer previous = lastVersion.put(golden, version);
            if (previous != null) {
                assertThat(version).as("versions of %s in order", golden).isGreaterThan(previous);
            }
        }
        assertThat(sequences).isNotEmpty();
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("gapless from %d", before).isEqualTo(before + 1 + i);
        }
        assertThat(jdbc.sql("select count(*) from change_event where sequence < 0")
                        .query(Long.class)
                        .single())
                .as("no provisional number left behind")
                .isZero();
    }

    private long lastSequence() {
        return jdbc.sql("select last from change_sequence where id = 1")
                .query(Long.class)
                .single();
    }

    @Test
    void theSameBodyAgainIsUnchangedAndMakesNoNewVersion() {
        String body = person("Ann", "email", "ann@WORD.example", "city", "Berlin");
        JsonNode first = push(source, "k1", body);
        JsonNode before = golden(goldenId(first));

        JsonNode again = push(source, "k1", body);

        assertThat(again.get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(goldenId(again)).isEqualTo(goldenId(first));
        JsonNode after = golden(goldenId(first));
        assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt());
        assertThat(after.get("lineage").get("first_name").get("version").asInt())
                .as("the source record's version")
                .isEqualTo(1);
        assertThat(storedSourceRecord("k1").get("version")).isEqualTo(1);
    }

    @Test
    void aChangedBodyUpdatesTheSourceRecordInItsGoldenRecord() {
        JsonNode first = push(source, "k1", person("Ann", "email", "ann@WORD.example", "city", "Berlin"));
        int versionBefore = golden(goldenId(first)).get("version").asInt();

        JsonNode changed = push(source, "k1", person("Ann", "email", "ann@WORD.example", "city", "Potsdam"));

        assertThat(changed.get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(goldenId(changed)).isEqualTo(goldenId(first));
        JsonNode golden = golden(goldenId(first));
        assertThat(golden.get("values").get("city").asString()).isEqualTo("Potsdam");
        assertThat(golden.get("version").asInt()).isEqualTo(versionBefore + 1);
        assertThat(golden.get("lineage").get("city").get("version").asInt()).isEqualTo(2);
    }

    @Test
    void anImpossibleBirthDateIsLeftOutAndFlaggedWhileTheRestIsStored() {
        JsonNode pushed = push(source, "k1", person("Ann", "birth_date", "2023-02-30", "city", "Berlin"));

        assertThat(pushed.get("outcome").asString()).isEqualTo("CREATED");
        JsonNode values = golden(goldenId(pushed)).get("values");
        assertThat(values.has("birth_date")).as(values.toString()).isFalse();
        assertThat(values.get("first_name").asString()).isEqualTo("Ann");
        assertThat(values.get("city").asString()).isEqualTo("Berlin");
        Map<String, Object> stored = storedSourceRecord("k1");
        assertThat((String) stored.get("issues")).contains("birth_date").contains("2023-02-30");
        assertThat((String) stored.get("raw"))
                .as("the raw payload keeps what the source sent")
                .contains("2023-02-30");
    }

    @Test
    void numbersBooleansAndNestedValuesAreAccepted() {
        String body =
                """
                {"first_name": "Ann", "last_name": "%s", "postal_code": 10115, "house_number": 7,
                 "newsletter": true, "loyalty": {"tier": "gold"}}
                """
                        .formatted(word);

        JsonNode pushed = push(source, "k1", body);

        assertThat(pushed.get("outcome").asString()).isEqualTo("CREATED");
        JsonNode values = golden(goldenId(pushed)).get("values");
        assertThat(values.get("postal_code").asString()).isEqualTo("10115");
        assertThat(values.get("house_number").asString()).isEqualTo("7");
        String raw = (String) storedSourceRecord("k1").get("raw");
        assertThat(raw).contains("\"newsletter\": \"true\"").contains("gold");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"[\"Ann\", \"Lee\"]", "\"Ann Lee\"", "42", "null", "{\"first_name\": \"Ann\",", "first_name=Ann"
            })
    void aBodyThatIsNotAJsonObjectIsRefusedWithAReadableMessage(String body) {
        JsonNode problem = assertProblem(api.push(source, "person", "k1", body), HttpStatus.BAD_REQUEST);

        String detail = problem.get("detail").asString();
        assertThat(detail).contains("JSON");
        assertThat(detail)
                .as("a message for the person who wrote the request, not Java internals")
                .doesNotContain("java.", "LinkedHashMap", "org.amalgam", "JsonToken");
        assertThat(crosswalkKeys(source)).isEmpty();
    }

    @Test
    void anEmptyBodyIsRefusedWithAReadableMessage() {
        JsonNode problem = assertProblem(api.push(source, "person", "k1", ""), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString())
                .contains("JSON")
                .doesNotContain("java.", "org.amalgam", "RecordApiController");
    }

    @Test
    void aPushToAnUnknownSourceIsNotFound() {
        String unknown = unique("nowhere-");

        JsonNode problem = assertProblem(api.push(unknown, "person", "k1", person("Ann")), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains(unknown);
    }

    @Test
    void aPushOfAnUnknownEntityTypeIsNotFoundAndNamesTheKnownOnes() {
        JsonNode problem = assertProblem(api.push(source, "unicorn", "k1", person("Ann")), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains("unicorn").contains("person");
    }

    @Test
    void aSourceKeyMayLookLikeAnEmailAddressOrAFileName() {
        JsonNode byEmail = push(source, "ann.lee@example.com", person("Ann"));
        JsonNode byFileName = push(source, "export.json", person("Bob"));

        assertThat(crosswalkKeys(source)).containsExactly("ann.lee@example.com", "export.json");
        assertThat(json(api.get("/api/v1/xref/" + source + "/person/ann.lee@example.com"))
                        .get("goldenId")
                        .asString())
                .isEqualTo(byEmail.get("goldenId").asString());
        assertThat(json(api.get("/api/v1/xref/" + source + "/person/export.json"))
                        .get("goldenId")
                        .asString())
                .isEqualTo(byFileName.get("goldenId").asString());
    }

    @Test
    void deletingTheLastSourceRecordRetiresTheGoldenRecord() {
        UUID id = goldenId(push(source, "k1", person("Ann", "email", "ann@WORD.example")));
        assertThat(searchTotal()).isEqualTo(1);

        ResponseEntity<String> deleted = api.delete("/api/v1/sources/" + source + "/records/person/k1");

        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(deleted).get("goldenId").asString()).isEqualTo(id.toString());
        assertThat(json(deleted).get("goldenStatus").asString()).isEqualTo("RETIRED");
        JsonNode golden = golden(id);
        assertThat(golden.get("status").asString()).isEqualTo("RETIRED");
        assertThat(golden.get("crosswalk").isEmpty()).isTrue();
        assertThat(searchTotal()).as("a retired record is not found by search").isZero();
        assertThat(crosswalkKeys(source)).isEmpty();
        assertProblem(api.get("/api/v1/xref/" + source + "/person/k1"), HttpStatus.NOT_FOUND);
    }

    @Test
    void deletingOneOfTwoSourceRecordsRecomputesTheGoldenRecordFromTheOther() {
        String shop = api.createSource("shop-", 60);
        UUID id = goldenId(push(source, "c1", person("Ann", "email", "ann@WORD.example")));
        push(shop, "s1", person("Annie", "email", "ann@WORD.example", "city", "Hamburg"));
        int versionBefore = golden(id).get("version").asInt();

        ResponseEntity<String> deleted = api.delete("/api/v1/sources/" + source + "/records/person/c1");

        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(deleted).get("goldenStatus").asString()).isEqualTo("ACTIVE");
        JsonNode golden = golden(id);
        assertThat(golden.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(golden.get("version").asInt()).isGreaterThan(versionBefore);
        assertThat(golden.get("values").get("first_name").asString())
                .as("the deleted record's value is gone")
                .isEqualTo("Annie");
        assertThat(crosswalk(golden)).containsExactly(shop + "/s1");
        assertThat(searchTotal()).isEqualTo(1);
    }

    @Test
    void deletingAnUnknownKeyIsNotFound() {
        push(source, "k1", person("Ann"));

        JsonNode problem =
                assertProblem(api.delete("/api/v1/sources/" + source + "/records/person/k2"), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains("k2");
        assertThat(crosswalkKeys(source)).containsExactly("k1");
    }

    @Test
    void aDeletedRecordPushedAgainComesBackInItsGoldenRecord() {
        String body = person("Ann", "email", "ann@WORD.example");
        UUID id = goldenId(push(source, "k1", body));
        api.delete("/api/v1/sources/" + source + "/records/person/k1");

        JsonNode again = push(source, "k1", body);

        assertThat(again.get("outcome").asString())
                .as("the same content as before it was deleted is still a change")
                .isNotEqualTo("UNCHANGED");
        assertThat(goldenId(again)).isEqualTo(id);
        JsonNode golden = golden(id);
        assertThat(golden.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(golden.get("values").get("first_name").asString()).isEqualTo("Ann");
        assertThat(searchTotal()).isEqualTo(1);
        assertThat(crosswalkKeys(source)).containsExactly("k1");
        assertThat(json(api.get("/api/v1/xref/" + source + "/person/k1"))
                        .get("goldenId")
                        .asString())
                .isEqualTo(id.toString());
    }

    @Test
    void theXrefAnswersTheGoldenIdThatHoldsASourceRecord() {
        String shop = api.createSource("shop-", 60);
        UUID id = goldenId(push(source, "c1", person("Ann", "email", "ann@WORD.example")));
        push(shop, "s1", person("Ann", "email", "ann@WORD.example"));

        ResponseEntity<String> response = api.get("/api/v1/xref/" + shop + "/person/s1");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(response).get("goldenId").asString()).isEqualTo(id.toString());
        assertThat(json(response).get("rule").asString()).isEqualTo("match");
    }

    @Test
    void theXrefOfAnUnknownKeyIsNotFound() {
        push(source, "k1", person("Ann"));

        JsonNode problem = assertProblem(api.get("/api/v1/xref/" + source + "/person/k2"), HttpStatus.NOT_FOUND);

        assertThat(problem.get("detail").asString()).contains("k2");
    }

    @Test
    void theMatchEndpointFindsTheGoldenRecordOfAMatchingRecordAndStoresNothing() {
        UUID id = goldenId(
                push(source, "c1", person("Ann", "email", "ann.lee@WORD.example", "birth_date", "1980-02-03")));
        List<String> before = crosswalkKeys(source);

        ResponseEntity<String> response = api.post(
                "/api/v1/match/person", person("Annie", "email", " Ann.Lee@WORD.EXAMPLE ", "birth_date", "03.02.1980"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode answer = json(response);
        assertThat(answer.get("decision").asString()).isEqualTo("JOIN");
        assertThat(answer.get("goldenId").asString()).isEqualTo(id.toString());
        JsonNode best = answer.get("matches").get(0);
        assertThat(best.get("band").asString()).isEqualTo("SAME");
        double sum = 0;
        for (JsonNode contribution : best.get("evidence").get("contributions")) {
            sum += contribution.get("bits").asDouble();
        }
        assertThat(sum)
                .as("the contributions add up to the score")
                .isCloseTo(best.get("evidence").get("bits").asDouble(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(answer.get("attributes").get("email").asString())
                .as("standardized as a push would be")
                .isEqualTo("ann.lee@" + word.toLowerCase() + ".example");
        assertThat(crosswalkKeys(source)).isEqualTo(before);
    }

    @Test
    void aRecordThatMatchesNothingIsANewEntityForTheMatchEndpoint() {
        // a surname that sounds like no other test's: a candidate that shares only a sound-alike name with it would
        // be listed among the matches (as DIFFERENT)
        ResponseEntity<String> response = api.post(
                "/api/v1/match/person",
                "{\"first_name\": \"Zed\", \"last_name\": \"" + uniqueName() + "\", \"email\": \"zed@"
                        + word.toLowerCase() + ".example\"}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(response).get("decision").asString()).isEqualTo("NEW");
        assertThat(json(response).get("matches").isEmpty())
                .as(response.getBody())
                .isTrue();
    }

    @Test
    void theBlockingKeysShowWhichRecordsShareABlock() throws Exception {
        push(source, "b1", person("Ann", "email", "ann.lee@WORD.example", "birth_date", "1980-02-03"));
        push(source, "b2", person("Annie", "email", "ann.lee@WORD.example", "birth_date", "1975-06-07"));

        ResponseEntity<String> response = api.get("/api/v1/match/person/blocking-keys");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        Map<String, java.util.Set<String>> keysOf = new java.util.HashMap<>();
        Map<String, Long> blockSize = new java.util.HashMap<>();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(response.getBody()))) {
            assertThat(parser.getHeaderNames()).containsExactly("source", "source_key", "key", "block_size");
            for (var row : parser) {
                if (row.get("source").equals(source)) {
                    keysOf.computeIfAbsent(row.get("source_key"), k -> new java.util.HashSet<>())
                            .add(row.get("key"));
                    blockSize.put(row.get("key"), Long.parseLong(row.get("block_size")));
                }
            }
        }
        assertThat(keysOf).containsOnlyKeys("b1", "b2");
        java.util.Set<String> shared = new java.util.HashSet<>(keysOf.get("b1"));
        shared.retainAll(keysOf.get("b2"));
        assertThat(shared).as("the equal e-mail is a key of both").isNotEmpty();
        assertThat(shared).allSatisfy(key -> assertThat(blockSize.get(key)).isGreaterThanOrEqualTo(2));
        assertThat(keysOf.get("b1"))
                .as("different birth dates give keys of one record only")
                .isNotEqualTo(shared);
    }

    @Test
    void theBlockingKeysOfAnUnknownTypeAreNotFound() {
        assertProblem(api.get("/api/v1/match/nosuchtype/blocking-keys"), HttpStatus.NOT_FOUND);
    }
}
