package org.amalgam.golden.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.amalgam.golden.LineageView;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.PostgresCopy;
import org.postgresql.copy.CopyIn;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes golden records, their versions, their change events and the crosswalk set-based: one statement per batch,
 * whatever the size of the batch. Every statement that writes a version also writes its change event, numbered from
 * the one {@code change_sequence} row (see V011), so versions and the outbox never disagree. In a transaction the
 * events are numbered just before it commits (V026), so the counter row is held only for that and the commit.
 */
@Repository
public class GoldenRecordStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, OverrideValue>> OVERRIDES = new TypeReference<>() {};

    /**
     * Turns the rows of a CTE named {@code typed} (id, entity_type_id, version, status, attributes, lineage, overrides,
     * merged_into, change_type, details) into versions and change events; answers the golden ids.
     */
    private static final String VERSIONS =
            """
            , versions as (
                insert into golden_record_version (golden_id, version, change_type, attributes, lineage, changed_by,
                                                   reason, status, merged_into, overrides, details)
                select id, version, change_type, attributes, lineage, :by, :reason, status, merged_into, overrides,
                       details
                  from typed
                returning golden_id
            )
            """;

    private static final String EVENT_COLUMNS =
            """
                   t.entity_type_id, t.id, t.version,
                   case when t.change_type in ('CREATED', 'UPDATED', 'MERGED', 'SPLIT', 'DELETED') then t.change_type
                        else 'UPDATED' end,
                   t.details || jsonb_build_object('changeType', t.change_type)
            """;

    /** Versions and change events numbered at once from the counter row (held from here until commit). */
    private static final String VERSIONS_AND_EVENTS = VERSIONS
            + """
            , counter as (
                update change_sequence set last = last + (select count(*) from typed)
                 where id = 1 and exists (select 1 from typed)
             returning last - (select count(*) from typed) as base
            )
            insert into change_event (sequence, entity_type_id, golden_id, version, change_type, payload)
            select counter.base + row_number() over (order by t.id),
            """
            + EVENT_COLUMNS
            + """
              from typed t cross join counter
            returning golden_id
            """;

    /**
     * Versions and change events with provisional numbers, numbered from the counter row just before commit ({@link
     * #versionsAndEvents}). {@code nextval} in the select list is evaluated after the sort, in id order.
     */
    private static final String VERSIONS_AND_PROVISIONAL_EVENTS = VERSIONS
            + """
            insert into change_event (sequence, entity_type_id, golden_id, version, change_type, payload)
            select -nextval('change_event_provisional'),
            """
            + EVENT_COLUMNS
            + """
              from typed t
             order by t.id
            returning golden_id
            """;

    /** Gives this transaction's provisional change events their numbers, in the order they were written. */
    private static final String NUMBER_EVENTS =
            """
            with mine as (
                select sequence, row_number() over (order by sequence desc) as rn
                  from change_event where sequence < 0
            ), counter as (
                update change_sequence set last = last + (select count(*) from mine)
                 where id = 1 and exists (select 1 from mine)
             returning last - (select count(*) from mine) as base
            )
            update change_event e set sequence = counter.base + mine.rn
              from mine cross join counter
             where e.sequence = mine.sequence
            """;

    private static final Object NUMBERING = new Object();
    private static final String DEFERRED = "deferred";
    private static final String IMMEDIATE = "immediate";

    /** Golden records written by a transaction's first write at most for its events to be numbered at commit. */
    static final int NUMBER_AT_COMMIT_AT_MOST = 100;

    /** From this many rows on, new golden records and crosswalk rows go through {@code COPY}. */
    static final int COPY_THRESHOLD = 200;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DataSource dataSource;

    GoldenRecordStore(JdbcClient jdbc, JsonMapper json, DataSource dataSource) {
        this.jdbc = jdbc;
        this.json = json;
        this.dataSource = dataSource;
    }

    /** Serializes golden-record assignment per entity type, so two batches never create the same entity twice. */
    public void lockType(long entityTypeId) {
        typeLock("pg_advisory_xact_lock", entityTypeId);
    }

    private void typeLock(String function, long entityTypeId) {
        jdbc.sql("select " + function + "(:namespace, cast(:type as integer))")
                .param("namespace", 0x60_1D)
                .param("type", entityTypeId)
                .query((rs, n) -> null)
                .list();
    }

    /**
     * The SQL that writes versions and change events after a {@code typed} CTE. A transaction whose first golden write
     * is small (a push) writes its events with provisional numbers and numbers them just before it commits, so
     * concurrent pushes do not queue on the counter row for the rest of their work. A transaction whose first write is
     * large (a bulk settle, a re-match) numbers at once, as numbering many rows at commit costs more than it saves;
     * either way every write of one transaction is numbered the same way, so its events keep their order. Outside a
     * transaction events are numbered at once.
     */
    private String versionsAndEvents(int rows) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return VERSIONS_AND_EVENTS;
        }
        Object mode = TransactionSynchronizationManager.getResource(NUMBERING);
        if (mode == null) {
            boolean deferred = rows <= NUMBER_AT_COMMIT_AT_MOST;
            mode = deferred ? DEFERRED : IMMEDIATE;
            TransactionSynchronizationManager.bindResource(NUMBERING, mode);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    // after every other synchronization that may still write golden changes
                    return Ordered.LOWEST_PRECEDENCE;
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    if (deferred) {
                        jdbc.sql(NUMBER_EVENTS).update();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(NUMBERING);
                }
            });
        }
        return mode == DEFERRED ? VERSIONS_AND_PROVISIONAL_EVENTS : VERSIONS_AND_EVENTS;
    }

    /**
     * Lets pushed records of a type be matched side by side: each holds the type shared, so {@link #lockType} (bulk
     * loads, re-matches, stewards' merges and splits) waits for those in flight and keeps new ones out, while pushes
     * serialize only on what they share, their blocking keys ({@link #lockKeys}) and golden records ({@link
     * #lockGoldens}). Take them in this order: type, keys, golden records.
     */
    public void lockTypeShared(long entityTypeId) {
        typeLock("pg_advisory_xact_lock_shared", entityTypeId);
    }

    /**
     * Serializes pushes that share a blocking key (two records that could match each other share one): an advisory
     * lock per key hash, in ascending order so that two pushes never wait on each other.
     */
    public void lockKeys(Collection<Long> keyHashes) {
        if (keyHashes.isEmpty()) {
            return;
        }
        Long[] sorted = keyHashes.stream().distinct().sorted().toArray(Long[]::new);
        jdbc.sql("select pg_advisory_xact_lock(k) from unnest(cast(:keys as bigint[])) with ordinality as x(k, n)"
                        + " order by n")
                .param("keys", sorted)
                .query((rs, n) -> null)
                .list();
    }

    /**
     * Locks golden records that a push is about to rebuild, in id order, so that two pushes joining the same golden
     * record rebuild it one after the other (the second reads the first's member). {@code no key update}: a crosswalk
     * row referring to the golden record can still be written meanwhile.
     */
    public void lockGoldens(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("select id from golden_record where id = any(:ids) order by id for no key update")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> null)
                .list();
    }

    public void createEmpty(long entityTypeId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                insert into golden_record (id, entity_type_id, version, attributes, lineage)
                select id, :type, 0, '{}', '{}' from unnest(cast(:ids as uuid[])) as t(id)
                """)
                .param("type", entityTypeId)
                .param("ids", ids.toArray(UUID[]::new))
                .update();
    }

    public void link(Map<Long, UUID> assignments, String rule, String by) {
        link(assignments, rule, by, null);
    }

    /** Links records to golden records with the rule that put them there and its score (null for none). */
    public void link(Map<Long, UUID> assignments, String rule, String by, Double score) {
        if (assignments.isEmpty()) {
            return;
        }
        if (score == null
                && assignments.size() >= COPY_THRESHOLD
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            copyLinks(assignments, rule, by);
            return;
        }
        Long[] records = assignments.keySet().toArray(Long[]::new);
        UUID[] goldens = new UUID[records.length];
        for (int i = 0; i < records.length; i++) {
            goldens[i] = assignments.get(records[i]);
        }
        jdbc.sql(
                        """
                insert into crosswalk (source_record_id, golden_id, rule, assigned_by, score)
                select r, g, :rule, :by, cast(:score as double precision)
                  from unnest(cast(:records as bigint[]), cast(:goldens as uuid[])) as t(r, g)
                """)
                .param("score", score)
                .param("records", records)
                .param("goldens", goldens)
                .param("rule", rule)
                .param("by", by)
                .update();
    }

    /** Streams crosswalk rows (no score) straight into the table, in source record order. */
    private void copyLinks(Map<Long, UUID> assignments, String rule, String by) {
        Long[] records = assignments.keySet().toArray(Long[]::new);
        Arrays.sort(records);
        String tail = "\t" + copyText(rule) + "\t" + copyText(by) + "\n";
        copy("copy crosswalk (source_record_id, golden_id, rule, assigned_by) from stdin", rows -> {
            for (Long record : records) {
                rows.append(record).append('\t').append(assignments.get(record)).append(tail);
                rows.flushIfFull();
            }
        });
    }

    /**
     * Inserts new golden records with their first content at once: version 1, a CREATED version and its change event,
     * as {@link #apply} writes the first content of an empty record, but with one row written per record instead of
     * an empty one and then its update. The rows go through {@code COPY} into a staging table first (from {@link
     * #COPY_THRESHOLD} on, and in a transaction); answers the ids written.
     */
    List<UUID> insertNew(EntityTypeView type, List<Change> changes, String by, String reason) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<Change> sorted = changes;
        boolean copy = sorted.size() >= COPY_THRESHOLD && TransactionSynchronizationManager.isActualTransactionActive();
        String source;
        if (copy) {
            copy(
                    """
                    create temporary table if not exists amalgam_golden_stage (
                        id uuid not null, status text not null, attributes jsonb not null, lineage jsonb not null,
                        search text not null) on commit delete rows
                    """,
                    "copy amalgam_golden_stage (id, status, attributes, lineage, search) from stdin",
                    rows -> {
                        for (Change change : sorted) {
                            Encoded row = encode(type, change);
                            rows.append(change.id())
                                    .append('\t')
                                    .append(row.status())
                                    .append('\t')
                                    .append(copyText(row.attributes()))
                                    .append('\t')
                                    .append(copyText(row.lineage()))
                                    .append('\t')
                                    .append(copyText(row.search()))
                                    .append('\n');
                            rows.flushIfFull();
                        }
                    });
            source = "select id, status, attributes, lineage, search from amalgam_golden_stage order by id";
        } else {
            source =
                    """
                    select t.id, t.status, cast(t.attributes as jsonb), cast(t.lineage as jsonb), t.search
                      from unnest(cast(:ids as uuid[]), cast(:status as text[]), cast(:attributes as text[]),
                                  cast(:lineage as text[]), cast(:search as text[]))
                           as t(id, status, attributes, lineage, search)
                    """;
        }
        var statement = jdbc.sql(
                        """
                with typed as (
                    insert into golden_record (id, entity_type_id, version, status, attributes, lineage, search_text)
                    select s.id, :type, 1, s.status, s.attributes, s.lineage, s.search from (%s) as s
                 returning id, entity_type_id, version, status, attributes, lineage, overrides, merged_into,
                           cast('CREATED' as text) as change_type,
                           -- every attribute is new: the keys that apply lists as changed from an empty record
                           jsonb_build_object('attributes',
                               (select coalesce(jsonb_agg(k order by k), '[]')
                                  from jsonb_object_keys(attributes) as ks(k))) as details
                )
                """
                                        .formatted(source)
                                + versionsAndEvents(sorted.size()))
                .param("type", type.id())
                .param("by", by)
                .param("reason", reason);
        if (!copy) {
            int n = sorted.size();
            UUID[] ids = new UUID[n];
            String[] status = new String[n];
            String[] attributes = new String[n];
            String[] lineage = new String[n];
            String[] search = new String[n];
            for (int i = 0; i < n; i++) {
                Change change = sorted.get(i);
                ids[i] = change.id();
                Encoded row = encode(type, change);
                status[i] = row.status();
                attributes[i] = row.attributes();
                lineage[i] = row.lineage();
                search[i] = row.search();
            }
            statement = statement
                    .param("ids", ids)
                    .param("status", status)
                    .param("attributes", attributes)
                    .param("lineage", lineage)
                    .param("search", search);
        }
        return statement.query(UUID.class).list();
    }

    /** A golden record's new content as the statements store it: status, values and lineage as JSON, search text. */
    private record Encoded(String status, String attributes, String lineage, String search) {}

    private Encoded encode(EntityTypeView type, Change change) {
        return new Encoded(
                change.retired() ? "RETIRED" : "ACTIVE",
                json.writeValueAsString(change.values()),
                json.writeValueAsString(change.lineage()),
                searchText(type, change.values()));
    }

    /** Rows of a {@code COPY ... from stdin} in text format, sent in pieces of about a megabyte. */
    interface CopyRows {
        void write(CopyBuffer rows) throws SQLException;
    }

    /** Collects text rows and hands them to the copy stream whenever about a megabyte is waiting. */
    static final class CopyBuffer {
        private final StringBuilder text = new StringBuilder(1 << 20);
        private final CopyIn copy;

        CopyBuffer(CopyIn copy) {
            this.copy = copy;
        }

        CopyBuffer append(Object value) {
            text.append(value);
            return this;
        }

        CopyBuffer append(char c) {
            text.append(c);
            return this;
        }

        void flushIfFull() throws SQLException {
            if (text.length() >= 1 << 20) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (!text.isEmpty()) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }
    }

    private void copy(String copySql, CopyRows rows) {
        copy(null, copySql, rows);
    }

    /** Runs {@code setup} (when given) and a {@code COPY} on the transaction's connection. */
    private void copy(String setup, String copySql, CopyRows rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PostgresCopy.staged(connection, setup, copySql, copy -> {
                CopyBuffer buffer = new CopyBuffer(copy);
                rows.write(buffer);
                buffer.flush();
            });
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not store golden records: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A text value as a field of {@code COPY}'s text format (backslash, tab and line breaks escaped). */
    static String copyText(String value) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement =
                    switch (c) {
                        case '\\' -> "\\\\";
                        case '\t' -> "\\t";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        default -> null;
                    };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    /**
     * Live source records by id with what survivorship needs: the first members of golden records that do not exist
     * yet (so not found through the crosswalk).
     */
    Map<Long, Survivorship.Member> sourceMembers(Collection<Long> sourceRecordIds) {
        Map<Long, Survivorship.Member> members = new HashMap<>(sourceRecordIds.size() * 2);
        if (sourceRecordIds.isEmpty()) {
            return members;
        }
        jdbc.sql(
                        """
                select r.id, s.code, s.priority, r.source_key, r.version, r.attributes::text as attributes,
                       r.updated_at
                  from source_record r join source_system s on s.id = r.source_id
                 where r.id = any(:ids) and not r.deleted
                """)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong("id");
                    members.put(
                            id,
                            new Survivorship.Member(
                                    id,
                                    rs.getString("code"),
                                    rs.getInt("priority"),
                                    rs.getString("source_key"),
                                    rs.getInt("version"),
                                    json.readValue(rs.getString("attributes"), MAP),
                                    rs.getTimestamp("updated_at").toInstant()));
                });
        return members;
    }

    /** Live members of each golden record, with what survivorship needs. */
    Map<UUID, List<Survivorship.Member>> members(Collection<UUID> goldenIds) {
        Map<UUID, List<Survivorship.Member>> members = new LinkedHashMap<>();
        jdbc.sql(
                        """
                select c.golden_id, r.id, s.code, s.priority, r.source_key, r.version, r.attributes::text as attributes,
                       r.updated_at
                  from unnest(cast(:ids as uuid[])) as g(id)
                  join crosswalk c on c.golden_id = g.id
                  cross join lateral (
                        select * from source_record r where r.id = c.source_record_id and not r.deleted) r
                  join source_system s on s.id = r.source_id
                """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .query(rs -> {
                    members.computeIfAbsent(rs.getObject("golden_id", UUID.class), k -> new ArrayList<>())
                            .add(new Survivorship.Member(
                                    rs.getLong("id"),
                                    rs.getString("code"),
                                    rs.getInt("priority"),
                                    rs.getString("source_key"),
                                    rs.getInt("version"),
                                    json.readValue(rs.getString("attributes"), MAP),
                                    rs.getTimestamp("updated_at").toInstant()));
                });
        return members;
    }

    /** The steward overrides of those golden records that have any. */
    Map<UUID, Map<String, OverrideValue>> overrides(Collection<UUID> goldenIds) {
        Map<UUID, Map<String, OverrideValue>> overrides = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select g.id, g.overrides::text
                          from unnest(cast(:ids as uuid[])) as x(id) join golden_record g on g.id = x.id
                         where g.overrides <> '{}'
                        """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .query(rs -> {
                    overrides.put(rs.getObject(1, UUID.class), json.readValue(rs.getString(2), OVERRIDES));
                });
        return overrides;
    }

    /** A new content for a golden record; {@code retired} when it has no live source record left. */
    record Change(UUID id, Map<String, Object> values, Map<String, LineageView> lineage, boolean retired) {}

    /**
     * What a version is about when it is not a plain recomputation: its change type (MERGED, SPLIT, OVERRIDDEN …),
     * details for history and the change event (mergedIds, splitFrom …), and whether to write it even when the
     * content did not change.
     */
    record Annotation(String changeType, Map<String, Object> details, boolean force) {}

    /**
     * Stores the changes whose content differs from what is stored, each as a new version with its change event;
     * answers the ids of the golden records that changed.
     */
    List<UUID> apply(EntityTypeView type, List<Change> changes, String by, String reason) {
        return apply(type, changes, by, reason, Map.of());
    }

    List<UUID> apply(
            EntityTypeView type, List<Change> changes, String by, String reason, Map<UUID, Annotation> annotations) {
        if (changes.isEmpty()) {
            return List.of();
        }
        boolean copy =
                changes.size() >= COPY_THRESHOLD && TransactionSynchronizationManager.isActualTransactionActive();
        String input;
        if (copy) {
            copy(
                    """
                    create temporary table if not exists amalgam_apply_stage (
                        id uuid not null, attributes jsonb not null, lineage jsonb not null, search text not null,
                        status text not null, change_type text, details jsonb not null, force boolean not null)
                        on commit delete rows
                    """,
                    "copy amalgam_apply_stage (id, attributes, lineage, search, status, change_type, details, force)"
                            + " from stdin",
                    rows -> {
                        for (Change change : changes) {
                            Annotation annotation = annotations.get(change.id());
                            Encoded row = encode(type, change);
                            rows.append(change.id())
                                    .append('\t')
                                    .append(copyText(row.attributes()))
                                    .append('\t')
                                    .append(copyText(row.lineage()))
                                    .append('\t')
                                    .append(copyText(row.search()))
                                    .append('\t')
                                    .append(row.status())
                                    .append('\t')
                                    .append(annotation == null ? "\\N" : copyText(annotation.changeType()))
                                    .append('\t')
                                    .append(
                                            annotation == null
                                                    ? "{}"
                                                    : copyText(json.writeValueAsString(annotation.details())))
                                    .append('\t')
                                    .append(annotation != null && annotation.force() ? "t" : "f")
                                    .append('\n');
                            rows.flushIfFull();
                        }
                    });
            // the row count and the ids are what the join with golden_record needs; the documents are not sampled
            jdbc.sql("analyze amalgam_apply_stage (id)").update();
            input = "select id, attributes, lineage, search, status, change_type, details, force"
                    + " from amalgam_apply_stage";
        } else {
            input =
                    """
                    select t.id, cast(t.attributes as jsonb) as attributes, cast(t.lineage as jsonb) as lineage,
                           t.search, t.status, t.change_type, cast(t.details as jsonb) as details, t.force
                      from unnest(cast(:ids as uuid[]), cast(:attributes as text[]), cast(:lineage as text[]),
                                  cast(:search as text[]), cast(:status as text[]), cast(:changeTypes as text[]),
                                  cast(:details as text[]), cast(:force as boolean[]))
                           as t(id, attributes, lineage, search, status, change_type, details, force)
                    """;
        }
        var statement = jdbc.sql(
                        """
                with input as (%s), typed as (
                    -- "old" is the row as it was before this statement (one snapshot for the whole statement)
                    update golden_record g
                       set attributes = i.attributes, lineage = i.lineage, search_text = i.search, status = i.status,
                           version = g.version + 1, updated_at = now()
                      from input i join golden_record old on old.id = i.id
                     where g.id = i.id and g.status <> 'MERGED'
                       and (i.force or g.version = 0 or g.attributes <> i.attributes or g.lineage <> i.lineage
                            or g.status <> i.status)
                 returning g.id, g.entity_type_id, g.version, g.status, g.attributes, g.lineage, g.overrides,
                           g.merged_into,
                           coalesce(i.change_type,
                                    case when g.version = 1 then 'CREATED' when g.status = 'RETIRED' then 'DELETED'
                                         else 'UPDATED' end) as change_type,
                           i.details || jsonb_build_object('attributes',
                               (select coalesce(jsonb_agg(k order by k), '[]')
                                  from (select jsonb_object_keys(g.attributes)
                                        union select jsonb_object_keys(old.attributes)) as ks(k)
                                 where g.attributes -> k is distinct from old.attributes -> k)) as details
                )
                """
                                        .formatted(input)
                                + versionsAndEvents(changes.size()))
                .param("by", by)
                .param("reason", reason);
        if (!copy) {
            int n = changes.size();
            UUID[] ids = new UUID[n];
            String[] attributes = new String[n];
            String[] lineage = new String[n];
            String[] search = new String[n];
            String[] status = new String[n];
            String[] changeTypes = new String[n];
            String[] details = new String[n];
            Boolean[] force = new Boolean[n];
            for (int i = 0; i < n; i++) {
                Change change = changes.get(i);
                Annotation annotation = annotations.get(change.id());
                ids[i] = change.id();
                Encoded row = encode(type, change);
                attributes[i] = row.attributes();
                lineage[i] = row.lineage();
                search[i] = row.search();
                status[i] = row.status();
                changeTypes[i] = annotation == null ? null : annotation.changeType();
                details[i] = annotation == null ? "{}" : json.writeValueAsString(annotation.details());
                force[i] = annotation != null && annotation.force();
            }
            statement = statement
                    .param("ids", ids)
                    .param("attributes", attributes)
                    .param("lineage", lineage)
                    .param("search", search)
                    .param("status", status)
                    .param("changeTypes", changeTypes)
                    .param("details", details)
                    .param("force", force);
        }
        return statement.query(UUID.class).list();
    }

    /** The stored state of one golden record, for edits. */
    record GoldenRow(
            UUID id,
            long entityTypeId,
            int version,
            String status,
            UUID mergedInto,
            Map<String, OverrideValue> overrides,
            Instant createdAt) {}

    /** Reads a golden record and locks its row for the rest of the transaction. */
    Optional<GoldenRow> findForUpdate(UUID id) {
        return find(id, true);
    }

    /** Reads a golden record; {@code lock} keeps its row locked for the rest of the transaction. */
    Optional<GoldenRow> find(UUID id, boolean lock) {
        return jdbc.sql(
                        """
                        select id, entity_type_id, version, status, merged_into, overrides::text as overrides,
                               created_at
                          from golden_record where id = :id and version > 0
                        """
                                + (lock ? " for update" : ""))
                .param("id", id)
                .query(this::row)
                .optional();
    }

    private GoldenRow row(ResultSet rs, int n) throws SQLException {
        return new GoldenRow(
                rs.getObject("id", UUID.class),
                rs.getLong("entity_type_id"),
                rs.getInt("version"),
                rs.getString("status"),
                rs.getObject("merged_into", UUID.class),
                json.readValue(rs.getString("overrides"), OVERRIDES),
                rs.getTimestamp("created_at").toInstant());
    }

    void saveOverrides(UUID id, Map<String, OverrideValue> overrides) {
        jdbc.sql("update golden_record set overrides = cast(:overrides as jsonb) where id = :id")
                .param("id", id)
                .param("overrides", json.writeValueAsString(overrides))
                .update();
    }

    /** Every crosswalk row of the absorbed record moves to the survivor, remembering where it came from. */
    void moveAllMembers(UUID absorbed, UUID survivor) {
        jdbc.sql(
                        """
                        update crosswalk set golden_id = :survivor, merged_from = merged_from || cast(:absorbed as uuid),
                                             updated_at = now()
                         where golden_id = :absorbed
                        """)
                .param("absorbed", absorbed)
                .param("survivor", survivor)
                .update();
    }

    /** The absorbed record becomes MERGED into the survivor: a new version and a MERGED change event. */
    void markMerged(UUID absorbed, UUID survivor, String by, String reason, Map<String, Object> details) {
        jdbc.sql(
                        """
                with changed as (
                    update golden_record set status = 'MERGED', merged_into = :survivor, version = version + 1,
                                             updated_at = now()
                     where id = :absorbed
                 returning id, entity_type_id, version, status, attributes, lineage, overrides, merged_into
                ), typed as (
                    select c.*, 'MERGED' as change_type, cast(:details as jsonb) as details from changed c
                )
                """
                                + versionsAndEvents(1))
                .param("absorbed", absorbed)
                .param("survivor", survivor)
                .param("details", json.writeValueAsString(details))
                .param("by", by)
                .param("reason", reason)
                .query(UUID.class)
                .list();
    }

    /** A merged-away record comes back on its own (a split): active again, no longer redirected. */
    void revive(UUID id) {
        jdbc.sql("update golden_record set status = 'ACTIVE', merged_into = null where id = :id")
                .param("id", id)
                .update();
    }

    /** A source record of a golden record: its crosswalk row. */
    record Membership(long sourceRecordId, UUID goldenId, boolean deleted, List<UUID> mergedFrom) {

        /** The golden record it was merged away from most recently, if any. */
        Optional<UUID> lastMergedFrom() {
            return mergedFrom.isEmpty() ? Optional.empty() : Optional.of(mergedFrom.get(mergedFrom.size() - 1));
        }
    }

    /** Every crosswalk row of a golden record, live and deleted source records alike. */
    List<Membership> memberships(UUID goldenId) {
        return jdbc.sql(
                        """
                        select c.source_record_id, c.golden_id, r.deleted, c.merged_from
                          from crosswalk c join source_record r on r.id = c.source_record_id
                         where c.golden_id = :id
                         order by c.source_record_id
                        """)
                .param("id", goldenId)
                .query((rs, n) -> new Membership(
                        rs.getLong(1), rs.getObject(2, UUID.class), rs.getBoolean(3), Arrays.asList((UUID[])
                                rs.getArray(4).getArray())))
                .list();
    }

    /**
     * Moves source records to another golden record. {@code popMergedFrom}: they go back to the record they were
     * merged away from, so that record leaves their merge history; else they start a new golden record as a steward's
     * split.
     */
    void moveMembers(Collection<Long> sourceRecordIds, UUID target, boolean popMergedFrom, String by) {
        jdbc.sql(
                        popMergedFrom
                                ? """
                        update crosswalk set golden_id = :target, updated_at = now(),
                                             merged_from = trim_array(merged_from, 1)
                         where source_record_id = any(cast(:ids as bigint[]))
                        """
                                : """
                        update crosswalk set golden_id = :target, updated_at = now(), merged_from = '{}',
                                             rule = 'steward split', score = null, assigned_by = :by,
                                             created_at = now()
                         where source_record_id = any(cast(:ids as bigint[]))
                        """)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .param("target", target)
                .param("by", by)
                .update();
    }

    /**
     * Records a steward's assertion about pairs of source records, retracting the opposite one where it exists; a
     * pair that already has this assertion keeps it.
     */
    void assertPairs(long entityTypeId, List<long[]> pairs, String kind, String by, String reason) {
        if (pairs.isEmpty()) {
            return;
        }
        Long[] a = new Long[pairs.size()];
        Long[] b = new Long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            a[i] = Math.min(pairs.get(i)[0], pairs.get(i)[1]);
            b[i] = Math.max(pairs.get(i)[0], pairs.get(i)[1]);
        }
        jdbc.sql(
                        """
                        update match_assertion m set status = 'RETRACTED'
                          from unnest(cast(:a as bigint[]), cast(:b as bigint[])) as p(a, b)
                         where m.record_a = p.a and m.record_b = p.b and m.status = 'ASSERTED' and m.kind <> :kind
                        """)
                .param("a", a)
                .param("b", b)
                .param("kind", kind)
                .update();
        jdbc.sql(
                        """
                        insert into match_assertion (entity_type_id, record_a, record_b, kind, asserted_by, reason)
                        select distinct :type, p.a, p.b, :kind, :by, :reason
                          from unnest(cast(:a as bigint[]), cast(:b as bigint[])) as p(a, b)
                         where p.a <> p.b
                        on conflict (record_a, record_b) where status = 'ASSERTED' do nothing
                        """)
                .param("type", entityTypeId)
                .param("a", a)
                .param("b", b)
                .param("kind", kind)
                .param("by", by)
                .param("reason", reason)
                .update();
    }

    /** {@code source:key} of source records, by id. */
    Map<Long, String> labels(Collection<Long> sourceRecordIds) {
        Map<Long, String> labels = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select r.id, s.code || ':' || r.source_key from source_record r
                          join source_system s on s.id = r.source_id
                         where r.id = any(cast(:ids as bigint[]))
                         order by s.priority, s.code, r.source_key
                        """)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .query(rs -> {
                    labels.put(rs.getLong(1), rs.getString(2));
                });
        return labels;
    }

    /** Retracts a kind of assertion between pairs of source records. */
    void retractPairs(List<long[]> pairs, String kind) {
        if (pairs.isEmpty()) {
            return;
        }
        Long[] a = new Long[pairs.size()];
        Long[] b = new Long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            a[i] = Math.min(pairs.get(i)[0], pairs.get(i)[1]);
            b[i] = Math.max(pairs.get(i)[0], pairs.get(i)[1]);
        }
        jdbc.sql(
                        """
                        update match_assertion m set status = 'RETRACTED'
                          from unnest(cast(:a as bigint[]), cast(:b as bigint[])) as p(a, b)
                         where m.record_a = p.a and m.record_b = p.b and m.status = 'ASSERTED' and m.kind = :kind
                        """)
                .param("a", a)
                .param("b", b)
                .param("kind", kind)
                .update();
    }

    static String searchText(EntityTypeView type, Map<String, Object> values) {
        StringBuilder text = new StringBuilder();
        for (String attribute : type.attributeNames()) {
            Object value = values.get(attribute);
            if (value != null) {
                text.append(value.toString().toLowerCase(Locale.ROOT)).append(' ');
            }
        }
        return text.toString().strip();
    }
}
