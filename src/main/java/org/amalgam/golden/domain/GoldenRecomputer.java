package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.golden.GoldenRecordsChanged;
import org.amalgam.ingest.SourceRecordsDeleted;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds golden records again from their live source records, set-based: survivorship for every value (steward
 * overrides win), a new version and change event where anything changed, and retirement where no source record is
 * left.
 */
@Component
public class GoldenRecomputer {

    static final String SYSTEM = "system";

    private final GoldenRecordStore store;
    private final EntityTypes entityTypes;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    GoldenRecomputer(
            GoldenRecordStore store, EntityTypes entityTypes, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.store = store;
        this.entityTypes = entityTypes;
        this.jdbc = jdbc;
        this.events = events;
    }

    public void recompute(EntityTypeView type, Collection<UUID> goldenIds, String by, String reason) {
        recompute(type, goldenIds, by, reason, Map.of());
    }

    /**
     * As {@link #recompute(EntityTypeView, Collection, String, String)}, with what some of the versions are about;
     * answers the golden records that got a new version.
     */
    List<UUID> recompute(
            EntityTypeView type,
            Collection<UUID> goldenIds,
            String by,
            String reason,
            Map<UUID, GoldenRecordStore.Annotation> annotations) {
        if (goldenIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Survivorship.Member>> members = store.members(goldenIds);
        Map<UUID, Map<String, OverrideValue>> overrides = store.overrides(goldenIds);
        List<GoldenRecordStore.Change> changes = new ArrayList<>(goldenIds.size());
        for (UUID id : goldenIds) {
            List<Survivorship.Member> live = members.getOrDefault(id, List.of());
            Survivorship.Result result = Survivorship.choose(
                    type.attributeNames(), live, type.survivorship(), overrides.getOrDefault(id, Map.of()));
            changes.add(new GoldenRecordStore.Change(id, result.values(), result.lineage(), live.isEmpty()));
        }
        List<UUID> changed = store.apply(type, changes, by, reason, annotations);
        if (!changed.isEmpty()) {
            events.publishEvent(new GoldenRecordsChanged(type.id(), Set.copyOf(changed)));
        }
        return changed;
    }

    /**
     * New golden records, each built from its source records that have no golden record yet: the first of each list
     * founds it ({@code founderRule} in the crosswalk), the others join it ({@code memberRule}). Each record is written
     * once with its first version (CREATED) and change event, as a new empty record recomputed would get; answers the
     * ids written.
     */
    List<UUID> create(
            EntityTypeView type,
            Map<UUID, List<Long>> membersByGolden,
            String founderRule,
            String memberRule,
            String by,
            String reason) {
        if (membersByGolden.isEmpty()) {
            return List.of();
        }
        List<Long> all = new ArrayList<>();
        membersByGolden.values().forEach(all::addAll);
        Map<Long, Survivorship.Member> members = store.sourceMembers(all);
        List<GoldenRecordStore.Change> changes = new ArrayList<>(membersByGolden.size());
        Map<Long, UUID> founders = new HashMap<>();
        Map<Long, UUID> others = new HashMap<>();
        membersByGolden.forEach((id, records) -> {
            List<Survivorship.Member> live = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                Survivorship.Member member = members.get(records.get(i));
                if (member != null) {
                    live.add(member);
                }
                (i == 0 ? founders : others).put(records.get(i), id);
            }
            Survivorship.Result result =
                    Survivorship.choose(type.attributeNames(), live, type.survivorship(), Map.of());
            changes.add(new GoldenRecordStore.Change(id, result.values(), result.lineage(), live.isEmpty()));
        });
        List<UUID> created = store.insertNew(type, changes, by, reason);
        store.link(founders, founderRule, by);
        store.link(others, memberRule, by);
        if (!created.isEmpty()) {
            events.publishEvent(new GoldenRecordsChanged(type.id(), Set.copyOf(created), true));
        }
        return created;
    }

    @EventListener
    void on(SourceRecordsDeleted event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        store.lockType(type.id());
        Set<UUID> goldens =
                new LinkedHashSet<>(jdbc.sql("select golden_id from crosswalk where source_record_id = any(:ids)")
                        .param("ids", event.sourceRecordIds().toArray(Long[]::new))
                        .query(UUID.class)
                        .list());
        recompute(type, goldens, SYSTEM, "source records deleted");
    }
}
