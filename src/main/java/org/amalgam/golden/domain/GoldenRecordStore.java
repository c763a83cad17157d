package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.amalgam.golden.LineageView;
import org.amalgam.model.EntityTypeView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes golden records, their versions and the crosswalk set-based: one statement per batch, whatever the size of
 * the batch.
 */
@Repository
class GoldenRecordStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GoldenRecordStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Serializes golden-record assignment per entity type, so two batches never create the same entity twice. */
    void lockType(long entityTypeId) {
        jdbc.sql("select pg_advisory_xact_lock(:namespace, cast(:type as integer))")
                .param("namespace", 0x60_1D)
                .param("type", entityTypeId)
                .query((rs, n) -> null)
                .list();
    }

    void createEmpty(long entityTypeId, Collection<UUID> ids) {
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

    void link(Map<Long, UUID> assignments, String rule, String by) {
        if (assignments.isEmpty()) {
            return;
        }
        Long[] records = assignments.keySet().toArray(Long[]::new);
        UUID[] goldens = new UUID[records.length];
        for (int i = 0; i < records.length; i++) {
            goldens[i] = assignments.get(records[i]);
        }
        jdbc.sql(
                        """
                insert into crosswalk (source_record_id, golden_id, rule, assigned_by)
                select r, g, :rule, :by from unnest(cast(:records as bigint[]), cast(:goldens as uuid[])) as t(r, g)
                """)
                .param("records", records)
                .param("goldens", goldens)
                .param("rule", rule)
                .param("by", by)
                .update();
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

    /** A new content for a golden record; {@code retired} when it has no live source record left. */
    record Change(UUID id, Map<String, Object> values, Map<String, LineageView> lineage, boolean retired) {}

    /**
     * Stores the changes whose content differs from what is stored, each as a new version; answers how many
     * changed.
     */
    int apply(EntityTypeView type, List<Change> changes, String by, String reason) {
        if (changes.isEmpty()) {
            return 0;
        }
        int n = changes.size();
        UUID[] ids = new UUID[n];
        String[] attributes = new String[n];
        String[] lineage = new String[n];
        String[] search = new String[n];
        String[] status = new String[n];
        for (int i = 0; i < n; i++) {
            Change change = changes.get(i);
            ids[i] = change.id();
            attributes[i] = json.writeValueAsString(change.values());
            lineage[i] = json.writeValueAsString(change.lineage());
            search[i] = searchText(type, change.values());
            status[i] = change.retired() ? "RETIRED" : "ACTIVE";
        }
        return jdbc.sql(
                        """
                with input as (
                    select t.id, cast(t.attributes as jsonb) as attributes, cast(t.lineage as jsonb) as lineage,
                           t.search, t.status
                      from unnest(cast(:ids as uuid[]), cast(:attributes as text[]), cast(:lineage as text[]),
                                  cast(:search as text[]), cast(:status as text[]))
                           as t(id, attributes, lineage, search, status)
                ), changed as (
                    update golden_record g
                       set attributes = i.attributes, lineage = i.lineage, search_text = i.search, status = i.status,
                           version = g.version + 1, updated_at = now()
                      from input i
                     where g.id = i.id and g.status <> 'MERGED'
                       and (g.version = 0 or g.attributes <> i.attributes or g.lineage <> i.lineage
                            or g.status <> i.status)
                 returning g.id, g.version, g.status, g.attributes, g.lineage
                )
                insert into golden_record_version (golden_id, version, change_type, attributes, lineage, changed_by,
                                                   reason)
                select id, version,
                       case when version = 1 then 'CREATED' when status = 'RETIRED' then 'DELETED' else 'UPDATED' end,
                       attributes, lineage, :by, :reason
                  from changed
                """)
                .param("ids", ids)
                .param("attributes", attributes)
                .param("lineage", lineage)
                .param("search", search)
                .param("status", status)
                .param("by", by)
                .param("reason", reason)
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
