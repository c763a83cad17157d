package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.ingest.SourceRecordsStored;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The foundation's matcher: source records whose standardized e-mail is equal belong to one golden record; every
 * other record gets its own. Runs in the transaction that stored the records, so a batch is stored and matched
 * together or not at all. The real matching engine replaces this rule.
 */
@Component
class EmailMatchAssigner {

    static final String RULE = "exact email";
    static final String NEW_RULE = "new entity";
    static final String SYSTEM = GoldenRecomputer.SYSTEM;

    private final JdbcClient jdbc;
    private final GoldenRecordStore store;
    private final EntityTypes entityTypes;
    private final GoldenRecomputer recomputer;

    EmailMatchAssigner(JdbcClient jdbc, GoldenRecordStore store, EntityTypes entityTypes, GoldenRecomputer recomputer) {
        this.jdbc = jdbc;
        this.store = store;
        this.entityTypes = entityTypes;
        this.recomputer = recomputer;
    }

    @EventListener
    void on(SourceRecordsStored event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        store.lockType(type.id());

        Map<Long, String> unassigned = new LinkedHashMap<>();
        Set<UUID> affected = new LinkedHashSet<>();
        jdbc.sql(
                        """
                select r.id, r.attributes ->> 'email' as email, c.golden_id
                  from source_record r left join crosswalk c on c.source_record_id = r.id
                 where r.id = any(:ids)
                """)
                .param("ids", event.sourceRecordIds().toArray(Long[]::new))
                .query(rs -> {
                    UUID golden = rs.getObject("golden_id", UUID.class);
                    if (golden != null) {
                        affected.add(golden);
                    } else {
                        unassigned.put(rs.getLong("id"), rs.getString("email"));
                    }
                });

        Map<String, UUID> byEmail = existingByEmail(type.id(), unassigned.values());
        Map<Long, UUID> byEmailLinks = new HashMap<>();
        Map<Long, UUID> newLinks = new HashMap<>();
        List<UUID> created = new ArrayList<>();
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
                }
            }
            affected.add(golden);
        }
        store.createEmpty(type.id(), created);
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
                select distinct on (r.attributes ->> 'email') r.attributes ->> 'email' as email, c.golden_id
                  from source_record r
                  join crosswalk c on c.source_record_id = r.id
                  join golden_record g on g.id = c.golden_id and g.status = 'ACTIVE'
                 where r.entity_type_id = :type and r.attributes ->> 'email' is not null and not r.deleted
                   and r.attributes ->> 'email' = any(:emails)
                 order by r.attributes ->> 'email', c.created_at
                """)
                .param("type", entityTypeId)
                .param("emails", distinct.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("email"), rs.getObject("golden_id", UUID.class));
                });
        return found;
    }
}
