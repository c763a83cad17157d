package org.amalgam.match;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.amalgam.match.engine.BlockingKeyDefinition;
import org.amalgam.match.engine.ComparisonDefinition;
import org.amalgam.match.engine.LevelDefinition;
import org.amalgam.match.engine.LevelKind;
import org.amalgam.match.engine.MatchLink;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.MatchWeights;
import org.amalgam.match.engine.PreparedRecord;
import org.amalgam.match.engine.RecordPreparer;
import org.amalgam.match.engine.Scorer;
import org.amalgam.match.engine.WeightEstimator;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.PostgresCopy;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matching engine as the hub uses it: one engine (settings, preparer, scorer with its weights) per version of an
 * entity type's model, the blocking-key table for finding candidates, stored match links, and estimated weights.
 * Until enough records are there to estimate weights by EM, a type scores with cautious starting weights.
 */
@Service
public class Matching {

    private static final Logger log = LoggerFactory.getLogger(Matching.class);

    /** Below this many records, EM has too little to learn from; the starting weights stay. */
    public static final int MIN_RECORDS_TO_ESTIMATE = 1_000;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final EntityTypes entityTypes;
    private final JsonMapper json;
    private final ConcurrentMap<Long, Engine> engines = new ConcurrentHashMap<>();

    Matching(JdbcClient jdbc, DataSource dataSource, EntityTypes entityTypes, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.entityTypes = entityTypes;
        this.json = json;
    }

    /**
     * The engine of one model version.
     *
     * @param estimated whether its weights were estimated from the data (else they are the starting weights)
     */
    public record Engine(
            long entityTypeId, int modelVersion, RecordPreparer preparer, Scorer scorer, boolean estimated) {

        public MatchSettings settings() {
            return preparer.settings();
        }
    }

    /** The model's match settings, or the defaults of its type when the model has none. */
    public MatchSettings settings(EntityTypeView type) {
        Object section = entityTypes.document(type.code()).get("match");
        if (section instanceof Map<?, ?> map && !map.isEmpty()) {
            @SuppressWarnings("unchecked")
            MatchSettings.Parsed parsed = MatchSettings.parse((Map<String, Object>) map, type.attributes());
            if (parsed.valid()) {
                return parsed.orElseThrow();
            }
            log.warn("The match settings of {} are not valid ({}); using the defaults", type.code(), parsed.problems());
        }
        return MatchSettings.defaults(type.code(), type.attributes());
    }

    /** The engine of the type's current model: estimated weights when stored, else the starting weights. */
    public Engine engine(EntityTypeView type) {
        Engine engine = engines.get(type.id());
        if (engine != null && engine.modelVersion() == type.version()) {
            return engine;
        }
        MatchSettings settings = settings(type);
        RecordPreparer preparer = new RecordPreparer(settings);
        MatchWeights weights = null;
        String stored = jdbc.sql("select weights::text from match_weights where entity_type_id = :type"
                        + " and model_version = :version")
                .param("type", type.id())
                .param("version", type.version())
                .query(String.class)
                .optional()
                .orElse(null);
        if (stored != null) {
            try {
                weights = MatchWeights.fromDocument(json.readValue(stored, MAP), settings);
            } catch (IllegalArgumentException e) {
                log.warn("The stored weights of {} do not fit its settings ({}); estimating again", type.code(), e);
            }
        }
        engine = weights == null
                ? new Engine(
                        type.id(), type.version(), preparer, new Scorer(preparer, startingWeights(settings)), false)
                : new Engine(type.id(), type.version(), preparer, new Scorer(preparer, weights), true);
        engines.put(type.id(), engine);
        return engine;
    }

    /** Estimates the weights by EM from the given records (prepared by this engine), stores and uses them. */
    public Engine estimate(EntityTypeView type, List<PreparedRecord> records) {
        Engine current = engine(type);
        long start = System.nanoTime();
        MatchWeights weights = WeightEstimator.estimate(
                current.preparer(),
                records,
                WeightEstimator.Options.defaults()
                        .withThreads(Runtime.getRuntime().availableProcessors()));
        jdbc.sql(
                        """
                        insert into match_weights (entity_type_id, model_version, weights, record_count)
                        values (:type, :version, cast(:weights as jsonb), :count)
                        on conflict (entity_type_id, model_version) do update
                           set weights = excluded.weights, record_count = excluded.record_count, estimated_at = now()
                        """)
                .param("type", type.id())
                .param("version", type.version())
                .param("weights", json.writeValueAsString(weights.toDocument()))
                .param("count", records.size())
                .update();
        Engine engine = new Engine(
                type.id(), type.version(), current.preparer(), new Scorer(current.preparer(), weights), true);
        engines.put(type.id(), engine);
        log.info(
                "Estimated the match weights of {} from {} records in {} ms",
                type.code(),
                records.size(),
                (System.nanoTime() - start) / 1_000_000);
        return engine;
    }

    /** Where the weights of an engine come from. */
    public enum WeightsSource {
        /** the weights estimated for the current model, stored (the comparisons did not change) */
        STORED,
        /** estimated now from the records, by EM */
        ESTIMATED,
        /** the cautious starting weights (too few records to learn from) */
        STARTING
    }

    /**
     * An engine for a model that is not (or not yet) the stored one, with every record of the type prepared for it.
     *
     * @param records the records, prepared by the engine's preparer
     */
    public record Draft(Engine engine, WeightsSource weights, List<PreparedRecord> records) {}

    /**
     * Reads a model document's match section for the given attributes: the settings, or the problems (paths start
     * with {@code /match}). An empty or missing section gives the defaults of the type.
     */
    public MatchSettings.Parsed settings(String typeCode, Object section, List<AttributeDefinition> attributes) {
        if (section instanceof Map<?, ?> map && !map.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) map;
            return MatchSettings.parse(values, attributes);
        }
        return new MatchSettings.Parsed(MatchSettings.defaults(typeCode, attributes), List.of());
    }

    /**
     * The engine a changed model would match the type's records with, storing nothing: the current weights when the
     * comparisons did not change, else weights estimated from the records (when there are enough to learn from), else
     * the starting weights; the way a bulk load decides.
     */
    public Draft draft(EntityTypeView type, MatchSettings settings, List<MatchRecord> records) {
        Engine current = engine(type);
        RecordPreparer preparer = new RecordPreparer(settings);
        List<PreparedRecord> prepared = new ArrayList<>(records.size());
        for (MatchRecord record : records) {
            prepared.add(preparer.prepare(record));
        }
        MatchWeights weights;
        WeightsSource source;
        if (sameComparisons(current.settings(), settings)) {
            weights = current.estimated()
                    ? MatchWeights.fromDocument(current.scorer().weights().toDocument(), settings)
                    : startingWeights(settings);
            source = current.estimated() ? WeightsSource.STORED : WeightsSource.STARTING;
        } else if (prepared.size() >= MIN_RECORDS_TO_ESTIMATE && canLearnMatches(prepared)) {
            weights = WeightEstimator.estimate(
                    preparer,
                    prepared,
                    WeightEstimator.Options.defaults()
                            .withThreads(Runtime.getRuntime().availableProcessors()));
            source = WeightsSource.ESTIMATED;
        } else {
            weights = startingWeights(settings);
            source = WeightsSource.STARTING;
        }
        Engine engine = new Engine(
                type.id(), type.version(), preparer, new Scorer(preparer, weights), source != WeightsSource.STARTING);
        return new Draft(engine, source, prepared);
    }

    /**
     * The engine of the type's current model with every given record prepared for it; when its weights are only the
     * starting ones and the records can teach better, they are estimated and stored first (as a bulk load does).
     */
    public Draft current(EntityTypeView type, List<MatchRecord> records) {
        Engine engine = engine(type);
        List<PreparedRecord> prepared = new ArrayList<>(records.size());
        for (MatchRecord record : records) {
            prepared.add(engine.preparer().prepare(record));
        }
        WeightsSource source = engine.estimated() ? WeightsSource.STORED : WeightsSource.STARTING;
        if (!engine.estimated() && prepared.size() >= MIN_RECORDS_TO_ESTIMATE && canLearnMatches(prepared)) {
            engine = estimate(type, prepared);
            source = WeightsSource.ESTIMATED;
        }
        return new Draft(engine, source, prepared);
    }

    /**
     * A model was saved: when its comparisons are those of the version before, the weights estimated for that
     * version carry over to the new one, so that matching does not fall back to the starting weights.
     *
     * @return whether weights were carried over
     */
    public boolean carryOverWeights(EntityTypeView type, EntityTypeView previous, Object previousMatchSection) {
        MatchSettings.Parsed before = settings(previous.code(), previousMatchSection, previous.attributes());
        if (!before.valid() || !sameComparisons(before.orElseThrow(), settings(type))) {
            return false;
        }
        return jdbc.sql(
                                """
                        insert into match_weights (entity_type_id, model_version, weights, record_count, estimated_at)
                        select entity_type_id, :version, weights, record_count, estimated_at from match_weights
                         where entity_type_id = :type and model_version = :previous
                        on conflict (entity_type_id, model_version) do nothing
                        """)
                        .param("type", type.id())
                        .param("version", type.version())
                        .param("previous", previous.version())
                        .update()
                > 0;
    }

    /** Whether two settings compare records alike, so that weights estimated for one fit the other. */
    public static boolean sameComparisons(MatchSettings a, MatchSettings b) {
        if (!a.comparisons().equals(b.comparisons()) || a.termFrequencyMinimum() != b.termFrequencyMinimum()) {
            return false;
        }
        for (ComparisonDefinition comparison : a.comparisons()) {
            for (String attribute : comparison.attributes()) {
                if (!java.util.Objects.equals(
                        a.attributeTypes().get(attribute), b.attributeTypes().get(attribute))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * EM learns what matches look like from pairs that can match: records of one deduplicated source alone have none
     * (each is a distinct entity).
     */
    public static boolean canLearnMatches(List<PreparedRecord> records) {
        Set<Long> sources = new java.util.HashSet<>();
        for (PreparedRecord record : records) {
            if (!record.sourceDeduplicated()) {
                return true;
            }
            sources.add(record.sourceId());
            if (sources.size() > 1) {
                return true;
            }
        }
        return false;
    }

    /** Live source records as the engine reads them, with their source's deduplicated mark. */
    public List<MatchRecord> records(Collection<Long> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return List.of();
        }
        List<MatchRecord> records = new ArrayList<>(sourceRecordIds.size());
        jdbc.sql(
                        """
                        select r.id, r.source_id, s.deduplicated, r.attributes::text as attributes
                          from source_record r join source_system s on s.id = r.source_id
                         where r.id = any(:ids) and not r.deleted
                        """)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .query(rs -> {
                    records.add(new MatchRecord(
                            rs.getLong(1), rs.getLong(2), rs.getBoolean(3), attributes(rs.getString(4))));
                });
        return records;
    }

    /** Reads a stored attributes object as text values. */
    public Map<String, String> attributes(String attributesJson) {
        Map<String, Object> raw = json.readValue(attributesJson, MAP);
        Map<String, String> values = new HashMap<>(raw.size() * 2);
        raw.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value.toString());
            }
        });
        return values;
    }

    /**
     * Replaces the blocking keys of the given records. A few records (a push) in one statement that deletes only the
     * keys that went and adds only the new ones: a pushed record that is new has no keys to delete, and one that
     * changed keeps most of its keys, so rewriting all of them (about 17 rows and their index entries, left dead
     * for vacuum) would be most of the work.
     */
    public void replaceKeys(long entityTypeId, Map<Long, List<String>> keysByRecord) {
        if (keysByRecord.isEmpty()) {
            return;
        }
        long[] pairs = keyPairs(entityTypeId, keysByRecord);
        if (pairs.length / 2 >= COPY_THRESHOLD) {
            removeKeys(keysByRecord.keySet());
            addKeys(entityTypeId, keysByRecord);
            return;
        }
        Long[] keys = new Long[pairs.length / 2];
        Long[] ids = new Long[pairs.length / 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = pairs[2 * i];
            ids[i] = pairs[2 * i + 1];
        }
        // the delete and the insert touch different rows: a key kept is neither deleted nor inserted again
        jdbc.sql(
                        """
                        with wanted as (
                            select k, r from unnest(cast(:keys as bigint[]), cast(:ids as bigint[])) as t(k, r)
                        ), gone as (
                            delete from match_key m
                             where m.source_record_id = any(cast(:records as bigint[]))
                               and not exists (select 1 from wanted w where w.k = m.key and w.r = m.source_record_id)
                        )
                        insert into match_key (key, source_record_id)
                        select k, r from wanted
                        on conflict do nothing
                        """)
                .param("keys", keys)
                .param("ids", ids)
                .param("records", keysByRecord.keySet().toArray(Long[]::new))
                .update();
    }

    /** Adds blocking keys of records that have none yet (keys already there are left alone). */
    public void addKeys(long entityTypeId, Map<Long, List<String>> keysByRecord) {
        long[] pairs = keyPairs(entityTypeId, keysByRecord);
        int n = pairs.length / 2;
        if (n == 0) {
            return;
        }
        if (n >= COPY_THRESHOLD && TransactionSynchronizationManager.isActualTransactionActive()) {
            copyKeys(pairs);
            return;
        }
        for (int from = 0; from < n; from += 50_000) {
            int to = Math.min(n, from + 50_000);
            Long[] keys = new Long[to - from];
            Long[] ids = new Long[to - from];
            for (int i = from; i < to; i++) {
                keys[i - from] = pairs[2 * i];
                ids[i - from] = pairs[2 * i + 1];
            }
            jdbc.sql(
                            """
                            insert into match_key (key, source_record_id)
                            select k, r from unnest(cast(:keys as bigint[]), cast(:ids as bigint[])) as t(k, r)
                            on conflict do nothing
                            """)
                    .param("keys", keys)
                    .param("ids", ids)
                    .update();
        }
    }

    /** From this many keys on, they go through {@code COPY} into a staging table. */
    static final int COPY_THRESHOLD = 1_000;

    /**
     * The distinct (key hash, record) pairs of the records, sorted by hash and record, flattened: the order of the
     * primary key, so that inserting them walks the index from left to right instead of jumping around in it.
     */
    static long[] keyPairs(long entityTypeId, Map<Long, List<String>> keysByRecord) {
        int total = 0;
        for (List<String> keys : keysByRecord.values()) {
            total += keys.size();
        }
        long[][] pairs = new long[total][];
        int n = 0;
        for (Map.Entry<Long, List<String>> entry : keysByRecord.entrySet()) {
            for (String key : entry.getValue()) {
                pairs[n++] = new long[] {keyHash(entityTypeId, key), entry.getKey()};
            }
        }
        java.util.Arrays.sort(
                pairs, 0, n, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long[] flat = new long[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && flat[2 * m - 2] == pairs[i][0] && flat[2 * m - 1] == pairs[i][1]) {
                continue;
            }
            flat[2 * m] = pairs[i][0];
            flat[2 * m + 1] = pairs[i][1];
            m++;
        }
        return m == n ? flat : java.util.Arrays.copyOf(flat, 2 * m);
    }

    /** Streams sorted key pairs into a staging table and adds the new ones in one statement. */
    private void copyKeys(long[] pairs) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            String createTable =
                    """
                    create temporary table if not exists amalgam_key_stage (
                        key bigint not null, source_record_id bigint not null) on commit delete rows
                    """;
            String copySql = "copy amalgam_key_stage (key, source_record_id) from stdin";
            PostgresCopy.staged(connection, createTable, copySql, copy -> {
                byte[] buffer = new byte[1 << 16];
                int length = 0;
                for (int i = 0; i < pairs.length; i += 2) {
                    if (length > buffer.length - 48) {
                        copy.writeToCopy(buffer, 0, length);
                        length = 0;
                    }
                    length = putLong(buffer, length, pairs[i]);
                    buffer[length++] = '\t';
                    length = putLong(buffer, length, pairs[i + 1]);
                    buffer[length++] = '\n';
                }
                copy.writeToCopy(buffer, 0, length);
            });
            try (Statement statement = connection.createStatement()) {
                // the staging table is in key order, and so is the insert (no sort, no random index walk). New
                // records have no keys yet: a plain insert costs about half of one that checks for conflicts first;
                // only when some keys are there already (a settle that stopped half-way) does it check them
                Savepoint savepoint = connection.setSavepoint();
                try {
                    statement.execute(
                            """
                            insert into match_key (key, source_record_id)
                            select key, source_record_id from amalgam_key_stage
                            """);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    statement.execute(
                            """
                            insert into match_key (key, source_record_id)
                            select key, source_record_id from amalgam_key_stage
                            on conflict do nothing
                            """);
                }
                statement.execute("truncate amalgam_key_stage");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not store the blocking keys: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static int putLong(byte[] buffer, int at, long value) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            buffer[at++] = (byte) digits.charAt(i);
        }
        return at;
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    });

    /**
     * The stored form of a blocking key: the first 64 bits of the MD5 of {@code "typeId:key"}, big-endian, as V019
     * computes them in SQL ({@code ('x' || substr(md5(...), 1, 16))::bit(64)::bigint}).
     */
    public static long keyHash(long entityTypeId, String key) {
        MessageDigest md5 = MD5.get();
        byte[] digest = md5.digest((entityTypeId + ":" + key).getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xFF);
        }
        return hash;
    }

    /** Removes the keys of records that are gone. */
    public void removeKeys(Collection<Long> sourceRecordIds) {
        if (!sourceRecordIds.isEmpty()) {
            jdbc.sql("delete from match_key where source_record_id = any(:ids)")
                    .param("ids", sourceRecordIds.toArray(Long[]::new))
                    .update();
        }
    }

    /** Stores inferred links (replacing earlier ones between the same records), with their explanations. */
    public void storeLinks(long entityTypeId, List<MatchLink> links, Map<Long, PreparedRecord> records, Scorer scorer) {
        if (links.size() >= COPY_THRESHOLD && TransactionSynchronizationManager.isActualTransactionActive()) {
            for (int from = 0; from < links.size(); from += 20_000) {
                copyLinks(entityTypeId, links.subList(from, Math.min(links.size(), from + 20_000)), records, scorer);
            }
            return;
        }
        for (int from = 0; from < links.size(); from += 20_000) {
            List<MatchLink> chunk = links.subList(from, Math.min(links.size(), from + 20_000));
            int n = chunk.size();
            Long[] a = new Long[n];
            Long[] b = new Long[n];
            String[] kinds = new String[n];
            Double[] bits = new Double[n];
            Double[] probabilities = new Double[n];
            String[] reasons = new String[n];
            String[] evidence = new String[n];
            for (int i = 0; i < n; i++) {
                MatchLink link = chunk.get(i);
                a[i] = Math.min(link.recordA(), link.recordB());
                b[i] = Math.max(link.recordA(), link.recordB());
                kinds[i] = link.band().name();
                bits[i] = link.bits();
                probabilities[i] = link.probability();
                reasons[i] = link.reason() == null ? null : link.reason().name();
                PreparedRecord left = records.get(link.recordA());
                PreparedRecord right = records.get(link.recordB());
                evidence[i] = left == null || right == null ? null : evidenceJson(scorer.explain(left, right));
            }
            jdbc.sql(
                            """
                            insert into match_link (record_a, record_b, entity_type_id, kind, bits, probability, reason,
                                                    evidence)
                            select a, b, :type, k, s, p, r, cast(e as jsonb)
                              from unnest(cast(:a as bigint[]), cast(:b as bigint[]), cast(:kinds as text[]),
                                          cast(:bits as float8[]), cast(:probabilities as float8[]),
                                          cast(:reasons as text[]), cast(:evidence as text[])) as t(a, b, k, s, p, r, e)
                            on conflict (record_a, record_b) do update
                               set kind = excluded.kind, bits = excluded.bits, probability = excluded.probability,
                                   reason = excluded.reason, evidence = excluded.evidence, created_at = now()
                            """)
                    .param("type", entityTypeId)
                    .param("a", a)
                    .param("b", b)
                    .param("kinds", kinds)
                    .param("bits", bits)
                    .param("probabilities", probabilities)
                    .param("reasons", reasons)
                    .param("evidence", evidence)
                    .update();
        }
    }

    /**
     * Stores links as {@link #storeLinks} does, through {@code COPY} into a staging table and one insert from it: no
     * statement with seven arrays of thousands of values to encode and bind.
     */
    private void copyLinks(long entityTypeId, List<MatchLink> links, Map<Long, PreparedRecord> records, Scorer scorer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            String createTable =
                    """
                    create temporary table if not exists amalgam_link_stage (
                        record_a bigint not null, record_b bigint not null, kind text not null,
                        bits double precision not null, probability double precision not null, reason text,
                        evidence jsonb) on commit delete rows
                    """;
            String copySql =
                    "copy amalgam_link_stage (record_a, record_b, kind, bits, probability, reason, evidence) from stdin";
            PostgresCopy.staged(connection, createTable, copySql, copy -> {
                StringBuilder rows = new StringBuilder(1 << 20);
                StringBuilder document = new StringBuilder(2048);
                for (MatchLink link : links) {
                    PreparedRecord left = records.get(link.recordA());
                    PreparedRecord right = records.get(link.recordB());
                    rows.append(Math.min(link.recordA(), link.recordB()))
                            .append('\t')
                            .append(Math.max(link.recordA(), link.recordB()))
                            .append('\t')
                            .append(link.band().name())
                            .append('\t')
                            .append(link.bits())
                            .append('\t')
                            .append(link.probability())
                            .append('\t')
                            .append(
                                    link.reason() == null
                                            ? "\\N"
                                            : link.reason().name())
                            .append('\t');
                    if (left == null || right == null) {
                        rows.append("\\N");
                    } else {
                        document.setLength(0);
                        appendEvidence(document, scorer.explain(left, right));
                        appendCopyText(rows, document);
                    }
                    rows.append('\n');
                    if (rows.length() >= 1 << 20) {
                        writeCopy(copy, rows);
                    }
                }
                writeCopy(copy, rows);
            });
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        """
                        insert into match_link (record_a, record_b, entity_type_id, kind, bits, probability, reason,
                                                evidence)
                        select record_a, record_b, %d, kind, bits, probability, reason, evidence
                          from amalgam_link_stage
                         order by record_a, record_b
                        on conflict (record_a, record_b) do update
                           set kind = excluded.kind, bits = excluded.bits, probability = excluded.probability,
                               reason = excluded.reason, evidence = excluded.evidence, created_at = now()
                        """
                                .formatted(entityTypeId));
                statement.execute("truncate amalgam_link_stage");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not store the match links: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void writeCopy(CopyIn copy, StringBuilder rows) throws SQLException {
        if (!rows.isEmpty()) {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            rows.setLength(0);
        }
    }

    /** Appends a text value as a field of {@code COPY}'s text format (backslash, tab and line breaks escaped). */
    static void appendCopyText(StringBuilder rows, CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    /** An explanation as a JSON-ready map: the prior and each comparison's level, bits and values. */
    public static Map<String, Object> evidence(Scorer.Explanation explanation) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("bits", round(explanation.bits()));
        document.put("probability", explanation.probability());
        document.put("band", explanation.band().name());
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (Scorer.Contribution term : explanation.contributions()) {
            contributions.add(
                    contribution(term.comparison(), term.level(), round(term.bits()), term.valueA(), term.valueB()));
        }
        document.put("contributions", contributions);
        return document;
    }

    /** One term of an explanation as the API answers it. */
    private static Map<String, Object> contribution(Object comparison, Object level, Object bits, Object a, Object b) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("comparison", comparison);
        item.put("level", level);
        item.put("bits", bits);
        item.put("a", a);
        item.put("b", b);
        return item;
    }

    /**
     * An explanation as a match link stores it ({@code match_link.evidence}): the document of {@link
     * #evidence(Scorer.Explanation)} with each contribution as an array {@code [comparison, level, bits, a, b]}
     * under {@code c} instead of an object under {@code contributions}, written straight into text. A bulk load
     * stores one per link (hundreds of thousands); without the repeated keys a document is about a third smaller to
     * parse and keep, and a map per contribution and a serializer per document were most of the links' cost on the
     * application's side. {@link #storedEvidence} turns it back into the document the API answers.
     */
    public static String evidenceJson(Scorer.Explanation explanation) {
        StringBuilder document = new StringBuilder(1024);
        appendEvidence(document, explanation);
        return document.toString();
    }

    static void appendEvidence(StringBuilder out, Scorer.Explanation explanation) {
        out.append("{\"bits\":");
        appendNumber(out, round(explanation.bits()));
        out.append(",\"probability\":");
        appendNumber(out, explanation.probability());
        out.append(",\"band\":");
        appendString(out, explanation.band().name());
        out.append(",\"c\":[");
        boolean first = true;
        for (Scorer.Contribution contribution : explanation.contributions()) {
            out.append(first ? "[" : ",[");
            first = false;
            appendString(out, contribution.comparison());
            out.append(',');
            appendString(out, contribution.level());
            out.append(',');
            appendNumber(out, round(contribution.bits()));
            out.append(',');
            appendString(out, contribution.valueA());
            out.append(',');
            appendString(out, contribution.valueB());
            out.append(']');
        }
        out.append("]}");
    }

    /**
     * A link's stored evidence as the API answers it ({@link #evidence(Scorer.Explanation)}): the compact form of
     * {@link #evidenceJson} expanded; a document stored before that form (with {@code contributions}) as it is.
     */
    public static Map<String, Object> storedEvidence(Map<String, Object> stored) {
        if (!(stored.get("c") instanceof List<?> compact)) {
            return stored;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("bits", stored.get("bits"));
        document.put("probability", stored.get("probability"));
        document.put("band", stored.get("band"));
        List<Map<String, Object>> contributions = new ArrayList<>(compact.size());
        for (Object entry : compact) {
            List<?> values = (List<?>) entry;
            contributions.add(contribution(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4)));
        }
        document.put("contributions", contributions);
        return document;
    }

    /** A JSON number; JSON has no infinities or NaN, so those are written as null. */
    private static void appendNumber(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
    }

    /** A JSON string, quoted and escaped as Jackson writes it, or null. */
    private static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : value;
    }

    /**
     * How often two different entities agree exactly on an attribute of this data type, before any data tells: an
     * identifier (e-mail, phone, national id, GTIN …) almost never, a date seldom, a name now and then.
     */
    private static double startingExactU(String dataType) {
        if (dataType == null) {
            return 0.01;
        }
        return switch (dataType) {
            case "email", "phone", "identifier" -> 1e-6;
            case "date" -> 1e-4;
            case "name" -> 1e-3;
            default -> 0.01;
        };
    }

    /**
     * Cautious weights for a type with too few records to learn from: agreeing exactly is strong evidence (the
     * stronger, the rarer chance agreement is for the data type), close is some, anything else counts against, a
     * missing value counts nothing; a small prior, so that one agreeing name alone never merges.
     */
    static MatchWeights startingWeights(MatchSettings settings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        document.put("prior", 1e-4);
        List<Object> comparisons = new ArrayList<>();
        for (ComparisonDefinition comparison : settings.comparisons()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", comparison.name());
            List<Object> levels = new ArrayList<>();
            int rank = 0;
            double exactU = startingExactU(settings.attributeTypes().get(comparison.attribute()));
            for (LevelDefinition level : comparison.levels()) {
                double m;
                double u;
                if (level.kind() == LevelKind.MISSING) {
                    m = 0.1;
                    u = 0.1;
                } else if (level.kind() == LevelKind.ELSE) {
                    m = 0.02;
                    u = 0.9;
                } else {
                    m = rank == 0 ? 0.85 : 0.08 / rank;
                    u = rank == 0 ? exactU : 0.02 * rank;
                    rank++;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("level", level.label());
                entry.put("m", m);
                entry.put("u", u);
                levels.add(entry);
            }
            item.put("levels", levels);
            if (comparison.termFrequency()) {
                item.put("termFrequencies", Map.of("rest", exactU, "values", Map.of()));
            }
            comparisons.add(item);
        }
        document.put("comparisons", comparisons);
        document.put("estimation", Map.of("kind", "starting weights"));
        return MatchWeights.fromDocument(document, settings);
    }

    // ---------------------------------------------------------------- the match settings page and its API

    /** When a type has no match links, the histogram scores the candidate pairs of at most this many records… */
    static final int SAMPLE_RECORDS = 5_000;

    /** …and at most this many of their pairs. */
    static final int SAMPLE_PAIRS = 50_000;

    /** How many live records the type has. */
    public long recordCount(EntityTypeView type) {
        return jdbc.sql("select count(*) from source_record where entity_type_id = :type and not deleted")
                .param("type", type.id())
                .query(Long.class)
                .single();
    }

    /**
     * The settings and weights of the type's current model version: the stored estimated weights, or the cautious
     * starting weights when none are stored (then {@link WeightTable#estimated()} is false).
     */
    public WeightTable weightTable(EntityTypeView type) {
        Engine engine = engine(type);
        Long recordCount = null;
        Instant estimatedAt = null;
        if (engine.estimated()) {
            Object[] stored = jdbc.sql("select record_count, estimated_at from match_weights"
                            + " where entity_type_id = :type and model_version = :version")
                    .param("type", type.id())
                    .param("version", type.version())
                    .query((rs, row) -> new Object[] {
                        rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()
                    })
                    .optional()
                    .orElse(null);
            if (stored != null) {
                recordCount = (Long) stored[0];
                estimatedAt = (Instant) stored[1];
            }
        }
        return WeightTable.of(
                type.code(),
                type.name(),
                type.version(),
                engine.settings(),
                engine.scorer().weights(),
                engine.estimated(),
                recordCount,
                estimatedAt,
                recordCount(type));
    }

    /**
     * Estimates the weights again by EM from every live record of the type, stores them for its current model
     * version and scores with them from now on (golden records already made are not matched again).
     *
     * @throws ConflictException when the type has fewer than {@link #MIN_RECORDS_TO_ESTIMATE} records, or all of
     *     them come from one deduplicated source (no duplicates to learn from)
     */
    public WeightTable estimateFromStoredRecords(EntityTypeView type) {
        long count = recordCount(type);
        if (count < MIN_RECORDS_TO_ESTIMATE) {
            throw new ConflictException(String.format(
                    Locale.ROOT,
                    "Estimating the weights of %s needs at least %,d records and it has %,d: load more records"
                            + " first; until then the cautious starting weights are used.",
                    type.code(),
                    MIN_RECORDS_TO_ESTIMATE,
                    count));
        }
        Engine engine = engine(type);
        List<PreparedRecord> prepared = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE - 8));
        long after = 0;
        while (true) {
            List<MatchRecord> chunk = storedRecords(type.id(), after, 50_000);
            if (chunk.isEmpty()) {
                break;
            }
            for (MatchRecord record : chunk) {
                prepared.add(engine.preparer().prepare(record));
            }
            after = chunk.get(chunk.size() - 1).id();
        }
        if (prepared.size() < MIN_RECORDS_TO_ESTIMATE) {
            throw new ConflictException(String.format(
                    Locale.ROOT,
                    "Estimating the weights of %s needs at least %,d records and it has %,d: load more records first.",
                    type.code(),
                    MIN_RECORDS_TO_ESTIMATE,
                    prepared.size()));
        }
        if (!canLearnMatches(prepared)) {
            throw new ConflictException("Every record of " + type.code() + " comes from one source that is marked"
                    + " deduplicated, so no two of them can be the same entity and there is nothing to learn from:"
                    + " load the records of another source first.");
        }
        estimate(type, prepared);
        return weightTable(type);
    }

    /** Live records of a type in the order of their ids, after the given id. */
    private List<MatchRecord> storedRecords(long entityTypeId, long afterId, int limit) {
        List<MatchRecord> records = new ArrayList<>();
        jdbc.sql(
                        """
                        select r.id, r.source_id, s.deduplicated, r.attributes::text as attributes
                          from source_record r join source_system s on s.id = r.source_id
                         where r.entity_type_id = :type and not r.deleted and r.id > :after
                         order by r.id
                         limit :limit
                        """)
                .param("type", entityTypeId)
                .param("after", afterId)
                .param("limit", limit)
                .query(rs -> {
                    records.add(new MatchRecord(
                            rs.getLong(1), rs.getLong(2), rs.getBoolean(3), attributes(rs.getString(4))));
                });
        return records;
    }

    /**
     * How the match scores of the type spread: those of its stored match links, or, when it has none, those of the
     * candidate pairs (records sharing a blocking key) among its first {@value #SAMPLE_RECORDS} records, scored now.
     */
    public ScoreHistogram scoreHistogram(EntityTypeView type) {
        Engine engine = engine(type);
        double sameBits = engine.settings().thresholds().sameBits();
        double possibleBits = engine.settings().thresholds().possibleBits();
        Map<Integer, Long> counts = new HashMap<>();
        long[] bands = new long[3];
        jdbc.sql(
                        """
                        select floor(bits)::int as bit,
                               case when bits >= :same then 2 when bits >= :possible then 1 else 0 end as band,
                               count(*)
                          from match_link
                         where entity_type_id = :type
                         group by 1, 2
                        """)
                .param("type", type.id())
                .param("same", sameBits)
                .param("possible", possibleBits)
                .query(rs -> {
                    counts.merge(rs.getInt(1), rs.getLong(3), Long::sum);
                    bands[rs.getInt(2)] += rs.getLong(3);
                });
        if (!counts.isEmpty()) {
            return ScoreHistogram.of(
                    ScoreHistogram.LINKS, counts, 0, sameBits, possibleBits, bands[2], bands[1], bands[0]);
        }
        List<MatchRecord> sample = storedRecords(type.id(), 0, SAMPLE_RECORDS);
        List<PreparedRecord> prepared = new ArrayList<>(sample.size());
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (MatchRecord record : sample) {
            PreparedRecord p = engine.preparer().prepare(record);
            for (String key : engine.preparer().blockingKeys(p)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(prepared.size());
            }
            prepared.add(p);
        }
        Map<String, Integer> caps = new HashMap<>();
        for (BlockingKeyDefinition key : engine.settings().blockingKeys()) {
            caps.put(key.name(), engine.settings().blockCap(key));
        }
        Set<Long> seen = new HashSet<>();
        Scorer scorer = engine.scorer();
        outer:
        for (Map.Entry<String, List<Integer>> block : blocks.entrySet()) {
            List<Integer> members = block.getValue();
            String name = block.getKey().substring(0, Math.max(0, block.getKey().indexOf(':')));
            int cap = caps.getOrDefault(name, engine.settings().blockCap());
            if (members.size() < 2 || members.size() > cap) {
                continue;
            }
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    PreparedRecord a = prepared.get(members.get(i));
                    PreparedRecord b = prepared.get(members.get(j));
                    if (a.sourceId() == b.sourceId() && a.sourceDeduplicated()) {
                        continue;
                    }
                    if (!seen.add((long) members.get(i) * SAMPLE_RECORDS + members.get(j))) {
                        continue;
                    }
                    double bits = scorer.bits(a, b);
                    counts.merge((int) Math.floor(bits), 1L, Long::sum);
                    bands[bits >= sameBits ? 2 : bits >= possibleBits ? 1 : 0]++;
                    if (seen.size() >= SAMPLE_PAIRS) {
                        break outer;
                    }
                }
            }
        }
        return ScoreHistogram.of(
                ScoreHistogram.SAMPLE, counts, sample.size(), sameBits, possibleBits, bands[2], bands[1], bands[0]);
    }
}
