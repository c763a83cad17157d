package org.amalgam.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs against the {@link TestDatabase}; each test's writes are rolled back. */
@JdbcTest
@Import(SourceRecordWriter.class)
class SourceRecordWriterTests {

    private static final UUID FIRST_IMPORT = UUID.randomUUID();
    private static final UUID SECOND_IMPORT = UUID.randomUUID();

    @Autowired
    SourceRecordWriter writer;

    @Autowired
    JdbcClient jdbc;

    long sourceId;
    long personTypeId;

    @BeforeEach
    void createSourceSystem() {
        sourceId = createSource("crm");
        personTypeId = jdbc.sql("select id from entity_type where code = 'person'")
                .query(Long.class)
                .single();
    }

    private long createSource(String code) {
        return jdbc.sql("insert into source_system (code, name, priority) values (:code, :code, 10) returning id")
                .param("code", code + "-" + UUID.randomUUID().toString().substring(0, 8))
                .query(Long.class)
                .single();
    }

    private static SourceRecordWriter.Input record(String key, String firstName) {
        return new SourceRecordWriter.Input(
                key,
                "{\"id\": \"" + key + "\", \"first_name\": \"" + firstName + "\"}",
                "{\"first_name\": \"" + firstName + "\"}");
    }

    private SourceRecordWriter.Result upsert(UUID importJob, SourceRecordWriter.Input... records) {
        return writer.upsert(sourceId, personTypeId, importJob, List.of(records));
    }

    private Map<String, Object> current(long id) {
        return jdbc.sql("select version, attributes ->> 'first_name' as first_name, deleted from source_record"
                        + " where id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private List<String> versions(long id) {
        return jdbc.sql(
                        """
                        select version || ':' || (attributes ->> 'first_name') || ':' || import_job_id
                          from source_record_version where source_record_id = :id order by version
                        """)
                .param("id", id)
                .query(String.class)
                .list();
    }

    @Test
    void newKeysAreCreatedWithTheirFirstVersionKept() {
        SourceRecordWriter.Result result = upsert(FIRST_IMPORT, record("k1", "Ann"), record("k2", "Bob"));

        assertThat(result.created()).hasSize(2);
        assertThat(result.updated()).isEmpty();
        long ann = result.created().get(0);
        assertThat(current(ann)).containsEntry("version", 1).containsEntry("first_name", "Ann");
        assertThat(versions(ann)).containsExactly("1:Ann:" + FIRST_IMPORT);
    }

    @Test
    void changedContentBecomesANewVersionAndTheOldOneIsKept() {
        long id = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);

        SourceRecordWriter.Result result = upsert(SECOND_IMPORT, record("k1", "Anna"));

        assertThat(result.created()).isEmpty();
        assertThat(result.updated()).containsExactly(id);
        assertThat(current(id)).containsEntry("version", 2).containsEntry("first_name", "Anna");
        assertThat(versions(id)).containsExactly("1:Ann:" + FIRST_IMPORT, "2:Anna:" + SECOND_IMPORT);
    }

    @Test
    void aRecordDeletedByASnapshotAndSentAgainKeepsEveryVersionWithItsImport() {
        UUID snapshot = UUID.randomUUID();
        long id = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);

        assertThat(writer.deleteUnseen(sourceId, personTypeId, snapshot, 100)).containsExactly(id);
        upsert(SECOND_IMPORT, record("k1", "Ann"));

        assertThat(current(id)).containsEntry("version", 3).containsEntry("deleted", false);
        assertThat(versions(id))
                .containsExactly("1:Ann:" + FIRST_IMPORT, "2:Ann:" + snapshot, "3:Ann:" + SECOND_IMPORT);
        assertThat(jdbc.sql("select deleted from source_record_version where source_record_id = :id order by version")
                        .param("id", id)
                        .query(Boolean.class)
                        .list())
                .containsExactly(false, true, false);
    }

    @Test
    void aLargeBatchThroughCopyKeepsTheVersionsItReplaces() {
        List<SourceRecordWriter.Input> first = new java.util.ArrayList<>();
        List<SourceRecordWriter.Input> second = new java.util.ArrayList<>();
        for (int i = 0; i < SourceRecordWriter.COPY_THRESHOLD; i++) {
            first.add(record("k" + i, "Ann"));
            second.add(record("k" + i, i % 2 == 0 ? "Anna" : "Ann"));
        }
        writer.upsert(sourceId, personTypeId, FIRST_IMPORT, first);

        SourceRecordWriter.Result result = writer.upsert(sourceId, personTypeId, SECOND_IMPORT, second);

        assertThat(result.updated()).hasSize(SourceRecordWriter.COPY_THRESHOLD / 2);
        long changed = result.updated().get(0);
        assertThat(versions(changed)).containsExactly("1:Ann:" + FIRST_IMPORT, "2:Anna:" + SECOND_IMPORT);
    }

    @Test
    void theSameContentAgainIsUnchangedAndMakesNoNewVersion() {
        long id = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);

        SourceRecordWriter.Result result = upsert(SECOND_IMPORT, record("k1", "Ann"));

        assertThat(result.created()).isEmpty();
        assertThat(result.updated()).isEmpty();
        assertThat(current(id)).containsEntry("version", 1);
        assertThat(versions(id)).containsExactly("1:Ann:" + FIRST_IMPORT);
    }

    @Test
    void theSameContentWithItsFieldsInAnotherOrderIsUnchanged() {
        upsert(
                FIRST_IMPORT,
                new SourceRecordWriter.Input(
                        "k1", "{\"a\": \"1\", \"b\": \"2\"}", "{\"first_name\": \"Ann\", \"last_name\": \"Lee\"}"));

        SourceRecordWriter.Result result = upsert(
                SECOND_IMPORT,
                new SourceRecordWriter.Input(
                        "k1", "{\"b\": \"2\", \"a\": \"1\"}", "{\"last_name\": \"Lee\", \"first_name\": \"Ann\"}"));

        assertThat(result.changed()).isEmpty();
    }

    @Test
    void aChangeOfTheRawPayloadAloneIsANewVersion() {
        long id = upsert(FIRST_IMPORT, new SourceRecordWriter.Input("k1", "{\"shoe\": \"38\"}", "{}"))
                .created()
                .get(0);

        SourceRecordWriter.Result result =
                upsert(SECOND_IMPORT, new SourceRecordWriter.Input("k1", "{\"shoe\": \"39\"}", "{}"));

        assertThat(result.updated()).containsExactly(id);
        assertThat(versions(id)).hasSize(2);
    }

    @Test
    void aDeletedRecordSentAgainComesBackAsANewVersion() {
        long id = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);
        jdbc.sql("update source_record set deleted = true where id = :id")
                .param("id", id)
                .update();

        SourceRecordWriter.Result result = upsert(SECOND_IMPORT, record("k1", "Ann"));

        assertThat(result.updated()).containsExactly(id);
        assertThat(current(id)).containsEntry("deleted", false).containsEntry("version", 2);
    }

    @Test
    void theSameKeyInAnotherSourceSystemIsAnotherRecord() {
        long crm = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);
        long shopId = createSource("shop");

        SourceRecordWriter.Result result =
                writer.upsert(shopId, personTypeId, SECOND_IMPORT, List.of(record("k1", "Ann")));

        assertThat(result.created()).hasSize(1).doesNotContain(crm);
    }

    @Test
    void aBatchMixesNewChangedAndUnchangedRecords() {
        upsert(FIRST_IMPORT, record("k1", "Ann"), record("k2", "Bob"));

        SourceRecordWriter.Result result =
                upsert(SECOND_IMPORT, record("k1", "Ann"), record("k2", "Robert"), record("k3", "Carl"));

        assertThat(result.created()).hasSize(1);
        assertThat(result.updated()).hasSize(1);
        long total = jdbc.sql("select count(*) from source_record_version v join source_record r"
                        + " on r.id = v.source_record_id where r.source_id = :source")
                .param("source", sourceId)
                .query(Long.class)
                .single();
        assertThat(total).as("k1 once, k2 twice, k3 once").isEqualTo(4);
    }

    /** Values that the COPY text format and the JSON printers must carry unchanged. */
    private static final List<String> AWKWARD = List.of(
            "plain",
            "tab\there",
            "new\nline and\r return",
            "back\\slash \\N",
            "quote \" inside",
            "bell \u0007 and \u001f",
            "Müller Straße",
            "日本語",
            "emoji \uD83D\uDE00",
            "");

    private static SourceRecordWriter.Input awkward(int i, boolean javaHash) {
        String value = AWKWARD.get(i % AWKWARD.size());
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        raw.put("id", "k" + i);
        raw.put("zz_" + "x".repeat(i % 7), value);
        raw.put("ä", value);
        raw.put("b", "x" + i);
        Map<String, String> attributes = Map.of("first_name", value, "last_name", "L" + i);
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        return new SourceRecordWriter.Input(
                "k" + i,
                json.writeValueAsString(raw),
                json.writeValueAsString(attributes),
                "[]",
                javaHash ? ContentHash.of(raw, attributes) : null);
    }

    @Test
    void aLargeBatchGoesThroughCopyAndKeepsEveryCharacter() {
        int n = SourceRecordWriter.COPY_THRESHOLD + 50;
        List<SourceRecordWriter.Input> batch = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(awkward(i, i % 2 == 0));
        }

        SourceRecordWriter.Result result = writer.upsert(sourceId, personTypeId, FIRST_IMPORT, batch);

        assertThat(result.created()).hasSize(n);
        List<String> names = jdbc.sql(
                        "select attributes ->> 'first_name' from source_record where source_id = :s" + " order by id")
                .param("s", sourceId)
                .query(String.class)
                .list();
        for (int i = 0; i < n; i++) {
            assertThat(names.get(i)).isEqualTo(AWKWARD.get(i % AWKWARD.size()));
        }
        long wrongHashes = jdbc.sql("select count(*) from source_record where source_id = :s"
                        + " and content_hash <> md5(raw::text || attributes::text)")
                .param("s", sourceId)
                .query(Long.class)
                .single();
        assertThat(wrongHashes)
                .as("the hash computed in Java is the one PostgreSQL computes")
                .isZero();

        List<SourceRecordWriter.Input> again = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            again.add(awkward(i, i % 2 == 1));
        }
        SourceRecordWriter.Result second = writer.upsert(sourceId, personTypeId, SECOND_IMPORT, again);
        assertThat(second.changed())
                .as("the same content again, hashed on the other side")
                .isEmpty();
    }

    @Test
    void encodedRowsGoThroughCopyWithTheHashThePrintedJsonbHas() {
        RecordEncoder encoder = new RecordEncoder(
                List.of("id", "zz_x", "ä", "b"),
                List.of("first_name", "last_name"),
                tools.jackson.databind.json.JsonMapper.builder().build());
        List<SourceRecordWriter.Input> batch = new java.util.ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            String value = AWKWARD.get(i);
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            attributes.put("first_name", value);
            attributes.put("last_name", "L" + i);
            batch.add(encoder.copyRow("k" + i, List.of("k" + i, value, value, "x" + i), attributes, List.of()));
        }

        SourceRecordWriter.Result result = writer.upsert(sourceId, personTypeId, FIRST_IMPORT, batch);

        assertThat(result.created()).as("a small batch of encoded rows").hasSize(AWKWARD.size());
        List<String> names = jdbc.sql(
                        "select attributes ->> 'first_name' from source_record where source_id = :s" + " order by id")
                .param("s", sourceId)
                .query(String.class)
                .list();
        assertThat(names).containsExactlyElementsOf(AWKWARD);
        long wrongHashes = jdbc.sql("select count(*) from source_record where source_id = :s"
                        + " and content_hash <> md5(raw::text || attributes::text)")
                .param("s", sourceId)
                .query(Long.class)
                .single();
        assertThat(wrongHashes).isZero();

        List<SourceRecordWriter.Input> again = new java.util.ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            again.add(awkwardAsPushed(i));
        }
        assertThat(writer.upsert(sourceId, personTypeId, SECOND_IMPORT, again).changed())
                .as("the same content sent as JSON strings and hashed by the database is unchanged")
                .isEmpty();
    }

    private static SourceRecordWriter.Input awkwardAsPushed(int i) {
        String value = AWKWARD.get(i);
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        raw.put("id", "k" + i);
        raw.put("zz_x", value);
        raw.put("ä", value);
        raw.put("b", "x" + i);
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        return new SourceRecordWriter.Input(
                "k" + i,
                json.writeValueAsString(raw),
                json.writeValueAsString(Map.of("first_name", value, "last_name", "L" + i)),
                "[]",
                null);
    }

    private static final RecordEncoder ENCODER = new RecordEncoder(
            List.of("id", "first_name"),
            List.of("first_name"),
            tools.jackson.databind.json.JsonMapper.builder().build());

    /** A row as a bulk load's workers encode it: a whole {@code COPY} line with its content hash. */
    private static SourceRecordWriter.Input encoded(String key, String firstName) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("first_name", firstName);
        return ENCODER.copyRow(key, List.of(key, firstName), attributes, List.of());
    }

    private SourceRecordWriter.Result bulk(SourceRecordWriter.BulkLoad load, SourceRecordWriter.Input... records) {
        return load.store(List.of(records));
    }

    @Test
    void aBulkLoadCopiesNewKeysInAsTheirFirstVersion() {
        SourceRecordWriter.BulkLoad load = writer.bulkLoad(sourceId, personTypeId, FIRST_IMPORT, false);

        SourceRecordWriter.Result result = bulk(load, encoded("k1", "Ann"), encoded("k2", "Bob"));

        assertThat(result.created()).hasSize(2);
        assertThat(result.updated()).isEmpty();
        long ann = result.created().get(0);
        assertThat(current(ann)).containsEntry("version", 1).containsEntry("first_name", "Ann");
        assertThat(versions(ann)).containsExactly("1:Ann:" + FIRST_IMPORT);
        assertThat(jdbc.sql(
                                """
                                select count(*) from source_record where source_id = :s
                                   and content_hash = md5(raw::text || attributes::text) and not deleted
                                   and seen_by_import is null and issues = '[]' and created_at = updated_at
                                """)
                        .param("s", sourceId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(upsert(SECOND_IMPORT, record("k1", "Ann"), record("k2", "Bob"))
                        .changed())
                .as("the same content sent again through the upsert is unchanged")
                .isEmpty();
    }

    @Test
    void aBulkLoadOverExistingKeysStoresNewChangedAndUnchangedRecordsAsTheUpsertDoes() {
        long ann = upsert(FIRST_IMPORT, record("k1", "Ann")).created().get(0);
        long bob = upsert(FIRST_IMPORT, record("k2", "Bob")).created().get(0);
        SourceRecordWriter.BulkLoad load = writer.bulkLoad(sourceId, personTypeId, SECOND_IMPORT, false);

        SourceRecordWriter.Result first =
                bulk(load, encoded("k3", "Carl"), encoded("k1", "Ann"), encoded("k2", "Robert"));
        SourceRecordWriter.Result second = bulk(load, encoded("k4", "Dora"), encoded("k1", "Anna"));

        assertThat(first.created()).hasSize(1).doesNotContain(ann, bob);
        assertThat(first.updated()).containsExactly(bob);
        assertThat(versions(bob)).containsExactly("1:Bob:" + FIRST_IMPORT, "2:Robert:" + SECOND_IMPORT);
        assertThat(versions(first.created().get(0))).containsExactly("1:Carl:" + SECOND_IMPORT);
        assertThat(second.created()).hasSize(1);
        assertThat(second.updated()).containsExactly(ann);
        assertThat(versions(ann)).containsExactly("1:Ann:" + FIRST_IMPORT, "2:Anna:" + SECOND_IMPORT);
        assertThat(jdbc.sql("select count(*) from source_record where source_id = :s")
                        .param("s", sourceId)
                        .query(Long.class)
                        .single())
                .as("the rows of the batch whose copy was rolled back are not there twice")
                .isEqualTo(4);
    }

    @Test
    void aBulkSnapshotMarksEveryRecordItStoresAsSeen() {
        upsert(FIRST_IMPORT, record("k1", "Ann"), record("k2", "Bob"));
        SourceRecordWriter.BulkLoad load = writer.bulkLoad(sourceId, personTypeId, SECOND_IMPORT, true);

        bulk(load, encoded("k1", "Ann"), encoded("k3", "Carl"));
        bulk(load, encoded("k4", "Dora"));

        assertThat(jdbc.sql("select source_key from source_record where source_id = :s and seen_by_import = :job"
                                + " order by source_key")
                        .param("s", sourceId)
                        .param("job", SECOND_IMPORT)
                        .query(String.class)
                        .list())
                .containsExactly("k1", "k3", "k4");
    }
}
