package org.amalgam.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amalgam.golden.domain.GoldenEditor;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.EvidenceChart;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.shared.SpreadsheetText;
import org.amalgam.sources.SourceSystems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden module's facade: search, one record with lineage and crosswalk (now or as of an instant), history with
 * diffs, the change feed, exports, and a steward's edits (merge, split, override).
 */
@Service
@Transactional(readOnly = true)
public class GoldenRecords {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int MAX_CHANGES = 1000;
    /** The crosswalk rule of a source record that founded its own golden record. */
    public static final String NEW_ENTITY_RULE = "new entity";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, LineageView>> LINEAGE = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EntityTypes entityTypes;
    private final SourceSystems sources;
    private final GoldenEditor editor;
    private final org.amalgam.golden.domain.MatchFinder matcher;

    GoldenRecords(
            JdbcClient jdbc,
            JsonMapper json,
            EntityTypes entityTypes,
            SourceSystems sources,
            GoldenEditor editor,
            org.amalgam.golden.domain.MatchFinder matcher) {
        this.matcher = matcher;
        this.jdbc = jdbc;
        this.json = json;
        this.entityTypes = entityTypes;
        this.sources = sources;
        this.editor = editor;
    }

    /**
     * Active golden records of a type whose values contain every word of {@code q} (case-insensitive), oldest first.
     */
    public GoldenPage search(String typeCode, String q, int page, int size) {
        EntityTypeView type = entityTypes.get(typeCode);
        if (page < 0) {
            throw new InvalidInputException("page must be 0 or more (the first page is 0)");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder where = new StringBuilder("g.entity_type_id = :type and g.status = 'ACTIVE' and g.version > 0");
        List<String> words = words(q);
        for (int i = 0; i < words.size(); i++) {
            where.append(" and g.search_text like :w").append(i);
        }
        var countSpec =
                jdbc.sql("select count(*) from golden_record g where " + where).param("type", type.id());
        var pageSpec = jdbc.sql(
                        """
                        select g.id, g.version, g.attributes::text as attributes, g.updated_at,
                               (select count(*) from crosswalk c where c.golden_id = g.id) as members
                          from golden_record g
                         where %s
                         order by g.created_at, g.id
                         offset :offset limit :limit
                        """
                                .formatted(where))
                .param("type", type.id())
                .param("offset", (long) page * size)
                .param("limit", size);
        for (int i = 0; i < words.size(); i++) {
            String pattern = "%" + escapeLike(words.get(i)) + "%";
            countSpec = countSpec.param("w" + i, pattern);
            pageSpec = pageSpec.param("w" + i, pattern);
        }
        long total = countSpec.query(Long.class).single();
        List<GoldenRecordSummary> items = pageSpec.query((rs, n) -> new GoldenRecordSummary(
                        rs.getObject("id", UUID.class),
                        type.code(),
                        rs.getInt("version"),
                        ordered(type, json.readValue(rs.getString("attributes"), MAP)),
                        rs.getInt("members"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        return new GoldenPage(items, page, size, total);
    }

    public GoldenRecordView get(String typeCode, UUID id) {
        EntityTypeView type = entityTypes.get(typeCode);
        GoldenRecordView record = jdbc.sql(
                        """
                        select id, version, status, attributes::text as attributes, lineage::text as lineage,
                               created_at, updated_at, merged_into
                          from golden_record where id = :id and entity_type_id = :type and version > 0
                        """)
                .param("id", id)
                .param("type", type.id())
                .query((rs, n) -> map(type, rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("There is no " + type.code() + " golden record " + id + "."));
        return record;
    }

    /**
     * For a golden record that was merged away, the active record it now lives in (following merges of merges);
     * empty when the record was not merged away.
     */
    public Optional<UUID> survivorOf(String typeCode, UUID id) {
        EntityTypeView type = entityTypes.get(typeCode);
        return jdbc.sql(
                        """
                        with recursive chain (id, merged_into, depth) as (
                            select id, merged_into, 0 from golden_record
                             where id = :id and entity_type_id = :type and status = 'MERGED'
                            union all
                            select g.id, g.merged_into, c.depth + 1
                              from chain c join golden_record g on g.id = c.merged_into
                             where c.depth < 1000
                        )
                        select id from chain where merged_into is null
                        """)
                .param("id", id)
                .param("type", type.id())
                .query(UUID.class)
                .optional();
    }

    /**
     * The version of a golden record that was current at an instant: its values, lineage and status then. The
     * crosswalk is not part of a version, so it is left out.
     */
    public GoldenRecordView getAsOf(String typeCode, UUID id, Instant asOf) {
        EntityTypeView type = entityTypes.get(typeCode);
        Instant created = jdbc.sql(
                        "select created_at from golden_record where id = :id and entity_type_id = :type and version > 0")
                .param("id", id)
                .param("type", type.id())
                .query(Instant.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("There is no " + type.code() + " golden record " + id + "."));
        return jdbc.sql(
                        """
                        select v.version, v.status, v.attributes::text as attributes, v.lineage::text as lineage,
                               v.merged_into, v.created_at as version_at
                          from golden_record_version v
                         where v.golden_id = :id and v.created_at <= :asOf
                         order by v.version desc limit 1
                        """)
                .param("id", id)
                .param("asOf", java.sql.Timestamp.from(asOf))
                .query((rs, n) -> new GoldenRecordView(
                        id,
                        type.code(),
                        rs.getInt("version"),
                        rs.getString("status"),
                        ordered(type, json.readValue(rs.getString("attributes"), MAP)),
                        ordered(type, json.readValue(rs.getString("lineage"), LINEAGE)),
                        null,
                        created,
                        rs.getTimestamp("version_at").toInstant(),
                        rs.getObject("merged_into", UUID.class),
                        asOf))
                .optional()
                .orElseThrow(() -> new NotFoundException("Golden record " + id + " did not exist yet at " + asOf
                        + "; its first version is from " + created + "."));
    }

    /** Every version of a golden record, newest first, each with what differs from the one before. */
    public List<GoldenVersionView> history(String typeCode, UUID id) {
        EntityTypeView type = entityTypes.get(typeCode);
        boolean exists = jdbc.sql("select count(*) from golden_record where id = :id and entity_type_id = :type")
                        .param("id", id)
                        .param("type", type.id())
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            throw new NotFoundException("There is no " + type.code() + " golden record " + id + ".");
        }
        List<GoldenVersionView> versions = new ArrayList<>();
        Map<String, Object> previousValues = Map.of();
        Map<String, LineageView> previousLineage = Map.of();
        for (VersionRow row : jdbc.sql(
                        """
                        select version, change_type, changed_by, reason, created_at, status, merged_into,
                               attributes::text as attributes, lineage::text as lineage, details::text as details
                          from golden_record_version where golden_id = :id order by version
                        """)
                .param("id", id)
                .query((rs, n) -> new VersionRow(
                        rs.getInt("version"),
                        rs.getString("change_type"),
                        rs.getString("changed_by"),
                        rs.getString("reason"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("status"),
                        rs.getObject("merged_into", UUID.class),
                        ordered(type, json.readValue(rs.getString("attributes"), MAP)),
                        ordered(type, json.readValue(rs.getString("lineage"), LINEAGE)),
                        json.readValue(rs.getString("details"), MAP)))
                .list()) {
            versions.add(new GoldenVersionView(
                    row.version(),
                    row.changeType(),
                    row.changedBy(),
                    row.reason(),
                    row.at(),
                    row.status(),
                    row.mergedInto(),
                    row.values(),
                    row.lineage(),
                    row.details(),
                    diff(type, previousValues, previousLineage, row.values(), row.lineage())));
            previousValues = row.values();
            previousLineage = row.lineage();
        }
        Collections.reverse(versions);
        return versions;
    }

    private record VersionRow(
            int version,
            String changeType,
            String changedBy,
            String reason,
            Instant at,
            String status,
            UUID mergedInto,
            Map<String, Object> values,
            Map<String, LineageView> lineage,
            Map<String, Object> details) {}

    /** What differs between two versions, attribute by attribute, in the model's order. */
    static List<GoldenVersionView.AttributeChange> diff(
            EntityTypeView type,
            Map<String, Object> beforeValues,
            Map<String, LineageView> beforeLineage,
            Map<String, Object> afterValues,
            Map<String, LineageView> afterLineage) {
        Set<String> attributes = new LinkedHashSet<>(type.attributeNames());
        attributes.addAll(beforeValues.keySet());
        attributes.addAll(afterValues.keySet());
        List<GoldenVersionView.AttributeChange> changes = new ArrayList<>();
        for (String attribute : attributes) {
            Object before = beforeValues.get(attribute);
            Object after = afterValues.get(attribute);
            String beforeFrom = from(beforeLineage.get(attribute));
            String afterFrom = from(afterLineage.get(attribute));
            String change;
            if (before == null && after == null) {
                continue;
            } else if (before == null) {
                change = "ADDED";
            } else if (after == null) {
                change = "REMOVED";
            } else if (!Objects.equals(before, after)) {
                change = "CHANGED";
            } else if (!Objects.equals(beforeFrom, afterFrom)) {
                change = "LINEAGE";
            } else {
                continue;
            }
            changes.add(new GoldenVersionView.AttributeChange(attribute, change, before, after, beforeFrom, afterFrom));
        }
        return changes;
    }

    private static String from(LineageView lineage) {
        if (lineage == null) {
            return null;
        }
        return lineage.overridden() ? LineageView.OVERRIDE_RULE : lineage.source() + ":" + lineage.sourceKey();
    }

    /** The change feed: events after a sequence number, in sequence order. */
    public List<ChangeEventView> changes(long after, int limit) {
        if (after < 0) {
            throw new InvalidInputException("after must be 0 or more: the sequence of the last event you processed");
        }
        if (limit < 1 || limit > MAX_CHANGES) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_CHANGES);
        }
        return jdbc.sql(
                        """
                        select e.sequence, e.change_type, t.code, e.golden_id, e.version, e.occurred_at,
                               e.payload::text as payload
                          from change_event e join entity_type t on t.id = e.entity_type_id
                         where e.sequence > :after
                         order by e.sequence limit :limit
                        """)
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> new ChangeEventView(
                        rs.getLong("sequence"),
                        rs.getString("change_type"),
                        rs.getString("code"),
                        rs.getObject("golden_id", UUID.class),
                        rs.getInt("version"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        json.readValue(rs.getString("payload"), MAP)))
                .list();
    }

    /**
     * The lineage of the given attributes of active golden records, where the live sources offer more than one
     * value: what a conflict review needs, read set-based for a whole batch.
     */
    public Map<UUID, Map<String, LineageView>> disagreements(
            long entityTypeId, Collection<UUID> goldenIds, Collection<String> attributes) {
        Map<UUID, Map<String, LineageView>> found = new LinkedHashMap<>();
        if (goldenIds.isEmpty() || attributes.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        """
                        with g as materialized (
                            -- by primary key only: during a bulk load the statistics lag behind, and a filter on type
                            -- and status here would tempt the planner into scanning every record of the type
                            select g.id, g.entity_type_id, g.status, g.lineage
                              from unnest(cast(:ids as uuid[])) as i(id) join golden_record g on g.id = i.id
                        ), l as (
                            select g.id, a.attribute, g.lineage -> a.attribute as lineage
                              from g cross join unnest(cast(:attributes as text[])) as a(attribute)
                             where g.entity_type_id = :type and g.status = 'ACTIVE'
                        )
                        select id, attribute, lineage::text from l
                         where jsonb_array_length(lineage -> 'candidates') > 1
                           and (select count(distinct c -> 'value') from jsonb_array_elements(lineage -> 'candidates') c)
                               > 1
                        """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .param("type", entityTypeId)
                .param("attributes", attributes.toArray(String[]::new))
                .query(rs -> {
                    found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), json.readValue(rs.getString(3), LineageView.class));
                });
        return found;
    }

    /**
     * Takes the lock every golden writer of the type takes first (imports, pushes, edits), for the rest of the
     * transaction. A caller that also locks rows the golden writers change in their transaction (review tasks, which
     * conflict checks update) takes this lock first, so that the two never wait for each other in opposite order.
     */
    @Transactional
    public void lockForEdits(String typeCode) {
        editor.lockType(entityTypes.get(typeCode));
    }

    /** Merges two golden records of a type; the older id survives (see {@link GoldenEditor#merge}). */
    @Transactional
    public MergeOutcome merge(String typeCode, UUID id, UUID with, String by, String reason) {
        return editor.merge(entityTypes.get(typeCode), id, with, by, reason);
    }

    /** What splitting a source record out would do. */
    public SplitPlan planSplit(String typeCode, UUID id, String sourceCode, String sourceKey) {
        EntityTypeView type = entityTypes.get(typeCode);
        return editor.planSplit(type, id, sourceRecordId(type, sourceCode, sourceKey));
    }

    /** Takes a source record out of a golden record (see {@link GoldenEditor#split}). */
    @Transactional
    public SplitOutcome split(String typeCode, UUID id, String sourceCode, String sourceKey, String by, String reason) {
        EntityTypeView type = entityTypes.get(typeCode);
        return editor.split(type, id, sourceRecordId(type, sourceCode, sourceKey), by, reason);
    }

    /** Sets a steward's value for an attribute; it survives every recomputation until removed. */
    @Transactional
    public GoldenRecordView override(
            String typeCode, UUID id, String attribute, String value, String by, String reason) {
        editor.override(entityTypes.get(typeCode), id, attribute, value, by, reason);
        return get(typeCode, id);
    }

    @Transactional
    public GoldenRecordView removeOverride(String typeCode, UUID id, String attribute, String by, String reason) {
        editor.removeOverride(entityTypes.get(typeCode), id, attribute, by, reason);
        return get(typeCode, id);
    }

    /** Tells the matcher that two golden records are different entities (a steward's NOT_A_MATCH). */
    @Transactional
    public void assertDifferent(String typeCode, UUID id, UUID other, String by, String reason) {
        editor.assertDifferent(entityTypes.get(typeCode), id, other, by, reason);
    }

    private long sourceRecordId(EntityTypeView type, String sourceCode, String sourceKey) {
        if (sourceCode == null || sourceCode.isBlank() || sourceKey == null || sourceKey.isBlank()) {
            throw new InvalidInputException(
                    "Name the source record to split out: {\"source\": \"crm\", \"sourceKey\": \"4711\","
                            + " \"reason\": \"…\"}.");
        }
        long sourceId = sources.get(sourceCode).id();
        return jdbc.sql(
                        """
                        select id from source_record
                         where source_id = :source and entity_type_id = :type and source_key = :key
                        """)
                .param("source", sourceId)
                .param("type", type.id())
                .param("key", sourceKey)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Source " + sourceCode + " has no " + type.code()
                        + " record with the key '" + sourceKey + "'."));
    }

    /** The golden record that holds a source record, if it has one. */
    public Optional<GoldenAssignment> assignment(long sourceRecordId) {
        return jdbc.sql(
                        """
                        select c.golden_id, g.status, c.rule, c.score, c.source_record_id,
                               (select count(*) from crosswalk c2 join source_record r2 on r2.id = c2.source_record_id
                                 where c2.golden_id = c.golden_id and not r2.deleted) as members
                          from crosswalk c join golden_record g on g.id = c.golden_id
                         where c.source_record_id = :id
                        """)
                .param("id", sourceRecordId)
                .query((rs, n) -> new GoldenAssignment(
                        rs.getObject("golden_id", UUID.class),
                        rs.getString("status"),
                        rs.getString("rule"),
                        (Double) rs.getObject("score"),
                        rs.getInt("members"),
                        rs.getLong("source_record_id")))
                .optional();
    }

    /**
     * A match link between two members of one golden record, with its explanation as a chart.
     *
     * @param a the first record as {@code source:key}
     * @param b the second record as {@code source:key}
     * @param kind SAME or POSSIBLE
     * @param probability the match probability when the link was made
     * @param chart its evidence, or null for a link stored without
     */
    public record MemberLink(String a, String b, String kind, double probability, EvidenceChart chart) {}

    /** Links among the given source records (a golden record's members), strongest first, at most {@code limit}. */
    public List<MemberLink> linksAmong(Collection<Long> sourceRecordIds, int limit) {
        List<MemberLink> links = new ArrayList<>();
        if (sourceRecordIds.size() < 2) {
            return links;
        }
        Long[] ids = sourceRecordIds.toArray(Long[]::new);
        jdbc.sql(
                        """
                        select sa.code || ':' || ra.source_key as a, sb.code || ':' || rb.source_key as b,
                               l.kind, l.probability, l.evidence::text as evidence
                          from match_link l
                          join source_record ra on ra.id = l.record_a
                          join source_system sa on sa.id = ra.source_id
                          join source_record rb on rb.id = l.record_b
                          join source_system sb on sb.id = rb.source_id
                         where l.record_a = any(:ids) and l.record_b = any(:ids)
                         order by l.kind = 'SAME' desc, l.bits desc
                         limit :limit
                        """)
                .param("ids", ids)
                .param("limit", limit)
                .query(rs -> {
                    Map<String, Object> evidence = storedEvidence(rs.getString("evidence"));
                    EvidenceChart chart = evidence == null ? null : EvidenceChart.of(evidence);
                    links.add(new MemberLink(
                            rs.getString("a"),
                            rs.getString("b"),
                            rs.getString("kind"),
                            rs.getDouble("probability"),
                            chart));
                });
        return links;
    }

    /** A link's stored evidence (the text of {@code match_link.evidence}) as the API answers it; null for none. */
    private Map<String, Object> storedEvidence(String text) {
        if (text == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = json.readValue(text, Map.class);
        return org.amalgam.match.Matching.storedEvidence(stored);
    }

    /**
     * The match links of a source record, strongest first: the other record, SAME or POSSIBLE, the probability and
     * the evidence (each comparison's level and weight, which add up to the score).
     */
    public List<Map<String, Object>> matchLinks(long sourceRecordId) {
        List<Map<String, Object>> links = new ArrayList<>();
        jdbc.sql(
                        """
                        select case when l.record_a = :id then l.record_b else l.record_a end as other,
                               s.code, r.source_key, l.kind, l.probability, l.reason, l.evidence::text as evidence
                          from match_link l
                          join source_record r on r.id = case when l.record_a = :id then l.record_b else l.record_a end
                          join source_system s on s.id = r.source_id
                         where l.record_a = :id or l.record_b = :id
                         order by l.kind = 'SAME' desc, l.bits desc
                         limit 20
                        """)
                .param("id", sourceRecordId)
                .query(rs -> {
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("source", rs.getString("code"));
                    link.put("sourceKey", rs.getString("source_key"));
                    link.put("kind", rs.getString("kind"));
                    link.put("probability", rs.getDouble("probability"));
                    if (rs.getString("reason") != null) {
                        link.put("keptApartBy", rs.getString("reason"));
                    }
                    Map<String, Object> evidence = storedEvidence(rs.getString("evidence"));
                    if (evidence != null) {
                        link.put("evidence", evidence);
                    }
                    links.add(link);
                });
        return links;
    }

    /**
     * The golden records a record with these (standardized) attributes matches, best first, with the probability,
     * band (SAME, POSSIBLE, DIFFERENT) and evidence of each; and what the matcher would do (JOIN, NEW, REVIEW).
     */
    public Map<String, Object> findMatches(String typeCode, Map<String, Object> standardized) {
        EntityTypeView type = entityTypes.get(typeCode);
        org.amalgam.match.engine.IncrementalMatcher.Decision decision = matcher.findMatches(type, standardized);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (org.amalgam.match.engine.IncrementalMatcher.Candidate candidate : decision.candidates()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("goldenId", candidate.cluster());
            item.put("probability", Double.isNaN(candidate.probability()) ? null : candidate.probability());
            item.put("band", candidate.band().name());
            if (candidate.blockedBy() != null) {
                item.put("keptApartBy", candidate.blockedBy().name());
            }
            if (candidate.evidence() != null) {
                item.put("evidence", org.amalgam.match.Matching.evidence(candidate.evidence()));
            }
            candidates.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", typeCode);
        answer.put("attributes", standardized);
        answer.put("decision", decision.outcome().name());
        answer.put("goldenId", decision.cluster());
        answer.put("matches", candidates);
        return answer;
    }

    /** The golden record that holds the source record with this key (API: xref). */
    public GoldenAssignment xref(String sourceCode, String typeCode, String sourceKey) {
        EntityTypeView type = entityTypes.get(typeCode);
        long sourceId = sources.get(sourceCode).id();
        Long recordId = jdbc.sql(
                        """
                        select id from source_record
                         where source_id = :source and entity_type_id = :type and source_key = :key and not deleted
                        """)
                .param("source", sourceId)
                .param("type", type.id())
                .param("key", sourceKey)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Source " + sourceCode + " has no live " + type.code()
                        + " record with the key '" + sourceKey + "'."));
        return assignment(recordId)
                .orElseThrow(() -> new NotFoundException(
                        "The record '" + sourceKey + "' of " + sourceCode + " is not in a golden record yet."));
    }

    public long count() {
        return jdbc.sql("select count(*) from golden_record where status = 'ACTIVE' and version > 0")
                .query(Long.class)
                .single();
    }

    /** Fails with a clear message, before anything is written, when the type or the source does not exist. */
    public void checkCrosswalk(String typeCode, String sourceCode) {
        entityTypes.get(typeCode);
        if (sourceCode != null && !sourceCode.isBlank()) {
            sources.get(sourceCode);
        }
    }

    /** Writes {@code source,source_key,golden_id} of every live source record of the type, streamed. */
    public void writeCrosswalkCsv(String typeCode, String source, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord("source", "source_key", "golden_id");
            streamCrosswalk(typeCode, source, (s, k, g) -> {
                try {
                    printer.printRecord(s, k, g);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same as {@link #writeCrosswalkCsv} as one JSON object a line. */
    public void writeCrosswalkNdjson(String typeCode, String source, Writer out) {
        streamCrosswalk(typeCode, source, (s, k, g) -> {
            try {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("source", s);
                line.put("sourceKey", k);
                line.put("goldenId", g);
                out.write(json.writeValueAsString(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes every active golden record of the type, matching {@code q}, as CSV: id, version, then attributes. */
    public void writeGoldenCsv(String typeCode, String q, Writer out) {
        EntityTypeView type = entityTypes.get(typeCode);
        List<String> words = words(q);
        StringBuilder where = new StringBuilder("entity_type_id = :type and status = 'ACTIVE' and version > 0");
        for (int i = 0; i < words.size(); i++) {
            where.append(" and search_text like :w").append(i);
        }
        var spec = jdbc.sql("select id, version, attributes::text as attributes from golden_record where " + where
                        + " order by created_at, id")
                .param("type", type.id())
                .withFetchSize(1000);
        for (int i = 0; i < words.size(); i++) {
            spec = spec.param("w" + i, "%" + escapeLike(words.get(i)) + "%");
        }
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            List<String> header = new ArrayList<>(List.of("golden_id", "version"));
            header.addAll(type.attributeNames());
            printer.printRecord(header);
            spec.query(rs -> {
                Map<String, Object> values = json.readValue(rs.getString("attributes"), MAP);
                List<Object> line = new ArrayList<>(header.size());
                line.add(rs.getObject("id", UUID.class));
                line.add(rs.getInt("version"));
                for (String attribute : type.attributeNames()) {
                    line.add(
                            values.get(attribute) instanceof String text
                                    ? SpreadsheetText.neutralizeFormula(text)
                                    : values.get(attribute));
                }
                try {
                    printer.printRecord(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface CrosswalkLine {
        void accept(String source, String sourceKey, UUID goldenId);
    }

    private void streamCrosswalk(String typeCode, String sourceCode, CrosswalkLine line) {
        EntityTypeView type = entityTypes.get(typeCode);
        Long sourceId = sourceCode == null || sourceCode.isBlank()
                ? null
                : sources.get(sourceCode).id();
        jdbc.sql(
                        """
                        select s.code, r.source_key, c.golden_id
                          from crosswalk c
                          join source_record r on r.id = c.source_record_id
                          join source_system s on s.id = r.source_id
                         where r.entity_type_id = :type and not r.deleted
                           and (cast(:source as bigint) is null or r.source_id = :source)
                         order by s.code, r.source_key
                        """)
                .param("type", type.id())
                .param("source", sourceId)
                .withFetchSize(5000)
                .query(rs -> {
                    line.accept(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class));
                });
    }

    private GoldenRecordView map(EntityTypeView type, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<CrosswalkEntryView> crosswalk = jdbc.sql(
                        """
                        select r.id, s.code, r.source_key, c.rule, c.score, c.created_at,
                               c.merged_from[cardinality(c.merged_from)] as merged_from
                          from crosswalk c
                          join source_record r on r.id = c.source_record_id
                          join source_system s on s.id = r.source_id
                         where c.golden_id = :id and not r.deleted
                         order by s.priority, s.code, r.source_key
                        """)
                .param("id", id)
                .query((row, n) -> new CrosswalkEntryView(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        (Double) row.getObject(5),
                        row.getTimestamp(6).toInstant(),
                        row.getObject(7, UUID.class)))
                .list();
        return new GoldenRecordView(
                id,
                type.code(),
                rs.getInt("version"),
                rs.getString("status"),
                ordered(type, json.readValue(rs.getString("attributes"), MAP)),
                ordered(type, json.readValue(rs.getString("lineage"), LINEAGE)),
                crosswalk,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("merged_into", UUID.class),
                null);
    }

    /** jsonb keeps keys in its own order; people and exports expect the model's order. */
    private static <V> Map<String, V> ordered(EntityTypeView type, Map<String, V> values) {
        Map<String, V> ordered = new LinkedHashMap<>();
        for (String attribute : type.attributeNames()) {
            V value = values.get(attribute);
            if (value != null) {
                ordered.put(attribute, value);
            }
        }
        values.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static List<String> words(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : q.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!word.isEmpty() && words.size() < 8) {
                words.add(word);
            }
        }
        return words;
    }

    private static String escapeLike(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
