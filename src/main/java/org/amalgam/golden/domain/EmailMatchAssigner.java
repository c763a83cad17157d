package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.ingest.BulkLoadStored;
import org.amalgam.ingest.SourceRecordsStored;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The foundation's matcher: source records whose standardized e-mail is equal belong to one golden record; every
 * other record gets its own. Runs in the transaction that stored the records, so a batch is stored and matched
 * together or not at all. The real matching engine replaces this rule.
 */
@Component
class EmailMatchAssigner {

    static final String RULE = "exact email";
    static final String NEW_RULE = org.amalgam.golden.GoldenRecords.NEW_ENTITY_RULE;
    static final String SYSTEM = GoldenRecomputer.SYSTEM;

    private final JdbcClient jdbc;
    private final GoldenRecordStore store;
    private final EntityTypes entityTypes;
    private final GoldenRecomputer recomputer;

    private final TransactionTemplate transaction;

    EmailMatchAssigner(
            JdbcClient jdbc,
            GoldenRecordStore store,
            EntityTypes entityTypes,
            GoldenRecomputer recomputer,
            TransactionTemplate transaction) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.store = store;
        this.entityTypes = entityTypes;
        this.recomputer = recomputer;
    }

    static final int SETTLE_BATCH = 20_000;

    @EventListener
    void on(SourceRecordsStored event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        assign(type, event.sourceRecordIds(), event.bulk());
    }

    /** A bulk load stored its rows: every live record of the type that has no golden record yet gets one now. */
    @EventListener
    void on(BulkLoadStored event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        while (true) {
            Boolean more = transaction.execute(status -> {
                store.lockType(type.id());
                List<Long> ids = jdbc.sql(
                                """
                                select r.id from source_record r
                                 where r.entity_type_id = :type and not r.deleted
                                   and not exists (select 1 from crosswalk c where c.source_record_id = r.id)
                                 order by r.id limit :limit
                                """)
                        .param("type", type.id())
                        .param("limit", SETTLE_BATCH)
                        .query(Long.class)
                        .list();
                if (!ids.isEmpty()) {
                    assign(type, ids, false);
                }
                return ids.size() == SETTLE_BATCH;
            });
            if (!Boolean.TRUE.equals(more)) {
                return;
            }
        }
    }

    /**
     * Assigns records to golden records. With {@code onlyKnown}, records without a golden record are left for the end
     * of their bulk load, and only the golden records of the others are built again.
     */
    private void assign(EntityTypeView type, List<Long> sourceRecordIds, boolean onlyKnown) {
        store.lockType(type.id());

        Map<Long, String> unassigned = new LinkedHashMap<>();
        Set<UUID> affected = new LinkedHashSet<>();
        jdbc.sql(
                        """
                select r.id, r.attributes ->> 'email' as email,
                       (select c.golden_id from crosswalk c where c.source_record_id = r.id) as golden_id
                  from source_record r
                 where r.id = any(:ids)
                """)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .query(rs -> {
                    UUID golden = rs.getObject("golden_id", UUID.class);
                    if (golden != null) {
                        affected.add(golden);
                    } else if (!onlyKnown) {
                        unassigned.put(rs.getLong("id"), rs.getString("email"));
                    }
                });

        Map<String, UUID> byEmail = existingByEmail(type.id(), unassigned.values());
        Map<Long, UUID> byEmailLinks = new HashMap<>();
        Map<Long, UUID> newLinks = new HashMap<>();
        List<UUID> created = new ArrayList<>();
        Map<String, UUID> newKeys = new HashMap<>();
        for (var entry : unassigned.entrySet()) {
            String email = entry.getValue();
            UUID golden = email == null ? null : byEmail.get(email);
            if (golden != null) {
                byEmailLinks.put(entry.getKey(), golden);
            } else {
                golden = GoldenIds.next();
                created.add(golden);
                newLinks.put(entry.getKey(), golden);
                if (email != null) {
                    byEmail.put(email, golden);
                    newKeys.put(email, golden);
                }
            }
            affected.add(golden);
        }
        store.createEmpty(type.id(), created);
        rememberKeys(type.id(), newKeys);
        store.link(byEmailLinks, RULE, SYSTEM);
        store.link(newLinks, NEW_RULE, SYSTEM);
        recomputer.recompute(type, affected, SYSTEM, "source records changed");
    }

    private Map<String, UUID> existingByEmail(long entityTypeId, Iterable<String> emails) {
        Set<String> distinct = new LinkedHashSet<>();
        emails.forEach(e -> {
            if (e != null) {
                distinct.add(e);
            }
        });
        Map<String, UUID> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        """
                        select k.key, coalesce(s.id, g.id)
                          from golden_match_key k join golden_record g on g.id = k.golden_id
                          left join golden_record s on g.status = 'MERGED' and s.id = g.merged_into
                         where k.entity_type_id = :type and k.key = any(:emails)
                           and coalesce(s.status, g.status) = 'ACTIVE'
                        """)
                .param("type", entityTypeId)
                .param("emails", distinct.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /** The keys of golden records that appeared in this batch; a key already held by another stays with it. */
    private void rememberKeys(long entityTypeId, Map<String, UUID> keys) {
        if (keys.isEmpty()) {
            return;
        }
        String[] values = keys.keySet().toArray(String[]::new);
        UUID[] goldens = new UUID[values.length];
        for (int i = 0; i < values.length; i++) {
            goldens[i] = keys.get(values[i]);
        }
        jdbc.sql(
                        """
                        insert into golden_match_key (entity_type_id, key, golden_id)
                        select :type, k, g from unnest(cast(:keys as text[]), cast(:goldens as uuid[])) as t(k, g)
                        on conflict (entity_type_id, key) do update set golden_id = excluded.golden_id
                         where not exists (select 1 from golden_record r
                                            where r.id = golden_match_key.golden_id and r.status = 'ACTIVE')
                        """)
                .param("type", entityTypeId)
                .param("keys", values)
                .param("goldens", goldens)
                .update();
    }
}
