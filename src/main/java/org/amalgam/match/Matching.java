package org.amalgam.match;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
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
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

    /** Replaces the blocking keys of the given records. */
    public void replaceKeys(long entityTypeId, Map<Long, List<String>> keysByRecord) {
        if (keysByRecord.isEmpty()) {
            return;
        }
        removeKeys(keysByRecord.keySet());
        addKeys(entityTypeId, keysByRecord);
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
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        """
                        create temporary table if not exists amalgam_key_stage (
                            key bigint not null, source_record_id bigint not null) on commit delete rows
                        """);
            }
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy amalgam_key_stage (key, source_record_id) from stdin");
            try {
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
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            try (Statement statement = connection.createStatement()) {
                // the staging table is in key order, and so is the insert (no sort, no random index walk)
                statement.execute(
                        """
                        insert into match_key (key, source_record_id)
                        select key, source_record_id from amalgam_key_stage
                        on conflict do nothing
                        """);
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

    /**
     * Records that share a blocking key with the given keys; a key held by more than {@code cap} records is too
     * common to tell anything and is left out (the bulk path reports such blocks).
     */
    public Set<Long> candidates(long entityTypeId, Collection<String> keys, int cap) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<Long> hashes = new java.util.LinkedHashSet<>();
        for (String key : keys) {
            hashes.add(keyHash(entityTypeId, key));
        }
        Set<Long> found = new java.util.LinkedHashSet<>();
        jdbc.sql(
                        """
                        select c.ids from unnest(cast(:keys as bigint[])) as k(key)
                        cross join lateral (
                            select array_agg(source_record_id) as ids
                              from (select source_record_id from match_key where key = k.key limit :limit) l) c
                        """)
                .param("keys", hashes.toArray(Long[]::new))
                .param("limit", cap + 1)
                .query(rs -> {
                    java.sql.Array array = rs.getArray(1);
                    if (array != null) {
                        Long[] ids = (Long[]) array.getArray();
                        if (ids.length <= cap) {
                            found.addAll(List.of(ids));
                        }
                    }
                });
        return found;
    }

    /** Stores inferred links (replacing earlier ones between the same records), with their explanations. */
    public void storeLinks(long entityTypeId, List<MatchLink> links, Map<Long, PreparedRecord> records, Scorer scorer) {
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
                evidence[i] = left == null || right == null
                        ? null
                        : json.writeValueAsString(evidence(scorer.explain(left, right)));
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

    /** An explanation as a JSON-ready map: the prior and each comparison's level, bits and values. */
    public static Map<String, Object> evidence(Scorer.Explanation explanation) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("bits", round(explanation.bits()));
        document.put("probability", explanation.probability());
        document.put("band", explanation.band().name());
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (Scorer.Contribution contribution : explanation.contributions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("comparison", contribution.comparison());
            item.put("level", contribution.level());
            item.put("bits", round(contribution.bits()));
            item.put("a", contribution.valueA());
            item.put("b", contribution.valueB());
            contributions.add(item);
        }
        document.put("contributions", contributions);
        return document;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
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
}
