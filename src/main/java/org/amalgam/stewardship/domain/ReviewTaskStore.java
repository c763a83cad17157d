package org.amalgam.stewardship.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.stewardship.ReviewTaskView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Review tasks in SQL: set-based where a batch of golden records opens or closes them. */
@Repository
public class ReviewTaskStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String SELECT =
            """
            select t.id, e.code, t.kind, t.status, t.golden_id, t.other_golden_id, t.attribute, t.details::text as details,
                   t.created_at, t.resolved_at, t.resolved_by, t.decision, t.reason
              from review_task t join entity_type e on e.id = t.entity_type_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReviewTaskStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ReviewTaskView> find(UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Locks the task's row for the rest of the transaction, so two stewards never decide one task twice. */
    public Optional<ReviewTaskView> findForUpdate(UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id for update of t")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Tasks by optional type, kind and status; the oldest first, as a queue is worked. */
    public List<ReviewTaskView> list(Long entityTypeId, String kind, String status, UUID goldenId, int limit) {
        return jdbc.sql(
                        SELECT
                                + """
                         where (cast(:type as bigint) is null or t.entity_type_id = :type)
                           and (cast(:kind as text) is null or t.kind = :kind)
                           and (cast(:status as text) is null or t.status = :status)
                           and (cast(:golden as uuid) is null or t.golden_id = :golden or t.other_golden_id = :golden)
                         order by t.created_at, t.id
                         limit :limit
                        """)
                .param("type", entityTypeId)
                .param("kind", kind)
                .param("status", status)
                .param("golden", goldenId)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    public long count(Long entityTypeId, String kind, String status) {
        return jdbc.sql(
                        """
                        select count(*) from review_task t
                         where (cast(:type as bigint) is null or t.entity_type_id = :type)
                           and (cast(:kind as text) is null or t.kind = :kind)
                           and (cast(:status as text) is null or t.status = :status)
                        """)
                .param("type", entityTypeId)
                .param("kind", kind)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    /** The next open task after this one in queue order, of the same kind. */
    public Optional<UUID> nextOpen(ReviewTaskView after) {
        return jdbc.sql(
                        """
                        select id from review_task
                         where status = 'OPEN' and kind = :kind and id <> :id
                         order by case when (created_at, id) > (:created, :id) then 0 else 1 end, created_at, id
                         limit 1
                        """)
                .param("kind", after.kind())
                .param("id", after.id())
                .param("created", java.sql.Timestamp.from(after.createdAt()))
                .query(UUID.class)
                .optional();
    }

    public void close(UUID id, String status, String by, String decision, String reason, Map<String, Object> details) {
        jdbc.sql(
                        """
                        update review_task set status = :status, resolved_at = now(), resolved_by = :by,
                                               decision = :decision, reason = :reason,
                                               details = details || cast(:details as jsonb)
                         where id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("by", by)
                .param("decision", decision)
                .param("reason", reason)
                .param("details", json.writeValueAsString(details))
                .update();
    }

    /** Inserts an open POSSIBLE_MATCH task unless one is open for the pair; answers the open task's id. */
    public UUID openPossibleMatch(long entityTypeId, UUID goldenId, UUID otherGoldenId, Map<String, Object> details) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into review_task (id, entity_type_id, kind, golden_id, other_golden_id, details)
                        values (:id, :type, 'POSSIBLE_MATCH', :golden, :other, cast(:details as jsonb))
                        on conflict (least(golden_id, other_golden_id), greatest(golden_id, other_golden_id))
                           where status = 'OPEN' and kind = 'POSSIBLE_MATCH'
                        do nothing
                        """)
                .param("id", id)
                .param("type", entityTypeId)
                .param("golden", goldenId)
                .param("other", otherGoldenId)
                .param("details", json.writeValueAsString(details))
                .update();
        return jdbc.sql(
                        """
                        select id from review_task
                         where kind = 'POSSIBLE_MATCH' and status = 'OPEN'
                           and least(golden_id, other_golden_id) = least(cast(:golden as uuid), cast(:other as uuid))
                           and greatest(golden_id, other_golden_id) = greatest(cast(:golden as uuid), cast(:other as uuid))
                        """)
                .param("golden", goldenId)
                .param("other", otherGoldenId)
                .query(UUID.class)
                .single();
    }

    /** An open CONFLICT task: its golden record, attribute and the values it lists. */
    record OpenConflict(UUID id, UUID goldenId, String attribute, String fingerprint) {}

    List<OpenConflict> openConflicts(Collection<UUID> goldenIds) {
        return jdbc.sql(
                        """
                        select id, golden_id, attribute, details ->> 'fingerprint' from review_task
                         where kind = 'CONFLICT' and status = 'OPEN' and golden_id = any(cast(:ids as uuid[]))
                        """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .query((rs, n) -> new OpenConflict(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * The fingerprints of the last conflicts a steward settled for these golden records, as {@code goldenId/attribute
     * -> fingerprint}: the same disagreement does not open a task again.
     */
    Map<String, String> settledFingerprints(Collection<UUID> goldenIds) {
        Map<String, String> settled = new java.util.HashMap<>();
        jdbc.sql(
                        """
                        select distinct on (golden_id, attribute) golden_id, attribute, details ->> 'fingerprint',
                               decision
                          from review_task
                         where kind = 'CONFLICT' and status <> 'OPEN' and golden_id = any(cast(:ids as uuid[]))
                         order by golden_id, attribute, resolved_at desc
                        """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .query(rs -> {
                    String decision = rs.getString(4);
                    if (!"AGREED".equals(decision) && !"OBSOLETE".equals(decision)) {
                        settled.put(rs.getObject(1, UUID.class) + "/" + rs.getString(2), rs.getString(3));
                    }
                });
        return settled;
    }

    void insertConflicts(long entityTypeId, List<UUID> goldenIds, List<String> attributes, List<String> details) {
        if (goldenIds.isEmpty()) {
            return;
        }
        UUID[] ids = new UUID[goldenIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        jdbc.sql(
                        """
                        insert into review_task (id, entity_type_id, kind, golden_id, attribute, details)
                        select t.id, :type, 'CONFLICT', t.golden, t.attribute, cast(t.details as jsonb)
                          from unnest(cast(:ids as uuid[]), cast(:goldens as uuid[]), cast(:attributes as text[]),
                                      cast(:details as text[])) as t(id, golden, attribute, details)
                        on conflict (golden_id, attribute) where status = 'OPEN' and kind = 'CONFLICT' do nothing
                        """)
                .param("type", entityTypeId)
                .param("ids", ids)
                .param("goldens", goldenIds.toArray(UUID[]::new))
                .param("attributes", attributes.toArray(String[]::new))
                .param("details", details.toArray(String[]::new))
                .update();
    }

    void refreshDetails(List<UUID> taskIds, List<String> details) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        update review_task t set details = cast(d.details as jsonb)
                          from unnest(cast(:ids as uuid[]), cast(:details as text[])) as d(id, details)
                         where t.id = d.id
                        """)
                .param("ids", taskIds.toArray(UUID[]::new))
                .param("details", details.toArray(String[]::new))
                .update();
    }

    /** Closes open conflicts whose sources agree again (or whose golden record is no longer active). */
    void closeConflicts(List<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        update review_task t
                           set status = 'RESOLVED', resolved_at = now(), resolved_by = 'system',
                               decision = case when g.status = 'ACTIVE' then 'AGREED' else 'OBSOLETE' end,
                               reason = case when g.status = 'ACTIVE' then 'The live sources agree again.'
                                             else 'The golden record is ' || lower(g.status) || '.' end
                          from golden_record g
                         where g.id = t.golden_id and t.id = any(cast(:ids as uuid[])) and t.status = 'OPEN'
                        """)
                .param("ids", taskIds.toArray(UUID[]::new))
                .update();
    }

    /** Closes open possible matches where either golden record is no longer active (merged or retired). */
    void closeObsoleteMatches(Collection<UUID> goldenIds) {
        jdbc.sql(
                        """
                        update review_task t
                           set status = 'RESOLVED', resolved_at = now(), resolved_by = 'system', decision = 'OBSOLETE',
                               reason = 'One of the golden records is no longer active.'
                         where t.kind = 'POSSIBLE_MATCH' and t.status = 'OPEN'
                           and (t.golden_id = any(cast(:ids as uuid[])) or t.other_golden_id = any(cast(:ids as uuid[])))
                           and exists (select 1 from golden_record g
                                        where g.id in (t.golden_id, t.other_golden_id) and g.status <> 'ACTIVE')
                        """)
                .param("ids", goldenIds.toArray(UUID[]::new))
                .update();
    }

    private ReviewTaskView map(ResultSet rs, int n) throws SQLException {
        return new ReviewTaskView(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("kind"),
                rs.getString("status"),
                rs.getObject("golden_id", UUID.class),
                rs.getObject("other_golden_id", UUID.class),
                rs.getString("attribute"),
                json.readValue(rs.getString("details"), MAP),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("resolved_at") == null
                        ? null
                        : rs.getTimestamp("resolved_at").toInstant(),
                rs.getString("resolved_by"),
                rs.getString("decision"),
                rs.getString("reason"));
    }
}
