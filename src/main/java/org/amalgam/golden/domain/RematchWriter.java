package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.golden.GoldenRecordsChanged;
import org.amalgam.golden.PossibleMatchFound;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.MatchLink;
import org.amalgam.match.engine.PreparedRecord;
import org.amalgam.match.engine.RecordPair;
import org.amalgam.model.EntityTypeView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a re-match plan, a batch of golden records per transaction under the type's lock. Golden records are merged
 * and split as a steward's merge and split do (the absorbed id redirects, a restored id comes back, overrides follow),
 * each new version with the re-match as its reason. A group of golden records whose records changed since the plan
 * was made (a record pushed or moved meanwhile) is left as it is and counted as skipped.
 */
@Component
class RematchWriter {

    /** Source records whose golden records are written in one transaction. */
    static final int BATCH_RECORDS = 5_000;

    static final String RULE = "re-match";

    private final JdbcClient jdbc;
    private final GoldenRecordStore store;
    private final GoldenRecomputer recomputer;
    private final Matching matching;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    RematchWriter(
            JdbcClient jdbc,
            GoldenRecordStore store,
            GoldenRecomputer recomputer,
            Matching matching,
            TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.store = store;
        this.recomputer = recomputer;
        this.matching = matching;
        this.transaction = transaction;
        this.events = events;
    }

    /** Where a long write reports how far it got. */
    interface Progress {
        void report(String phase, long done, long total);
    }

    /** What the write did. */
    static final class Counts {
        int merged;
        int split;
        int created;
        int restored;
        int moved;
        int updated;
        int skipped;
        int possibleMatches;

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("merged", merged);
            map.put("split", split);
            map.put("created", created);
            map.put("restored", restored);
            map.put("movedRecords", moved);
            map.put("updated", updated);
            map.put("skipped", skipped);
            map.put("possibleMatches", possibleMatches);
            return map;
        }
    }

    /** Golden records of the snapshot and clusters of the plan that share records. */
    private static final class Group {
        final Set<UUID> olds = new LinkedHashSet<>();
        final List<Long> records = new ArrayList<>();
        boolean changes;
    }

    Counts write(
            EntityTypeView type,
            RematchSnapshot snapshot,
            RematchPlan plan,
            List<PreparedRecord> prepared,
            boolean rebuildKeys,
            String reason,
            Progress progress) {
        Counts counts = new Counts();
        List<Group> groups = groups(snapshot, plan);
        List<Group> changing = groups.stream().filter(g -> g.changes).toList();
        List<UUID> steady = new ArrayList<>();
        for (Group group : groups) {
            if (!group.changes) {
                steady.addAll(group.olds);
            }
        }
        Map<UUID, RematchPlan.Target> targets = new HashMap<>();
        for (RematchPlan.Target target : plan.targets()) {
            targets.put(target.id(), target);
        }
        Set<Long> skippedRecords = new HashSet<>();
        long total = changing.size() + steady.size();
        long done = 0;
        progress.report("writing", done, total);
        int from = 0;
        while (from < changing.size()) {
            int to = from;
            int records = 0;
            while (to < changing.size() && records < BATCH_RECORDS) {
                records += changing.get(to).records.size();
                to++;
            }
            List<Group> batch = changing.subList(from, to);
            transaction.executeWithoutResult(
                    status -> writeBatch(type, snapshot, plan, targets, batch, reason, counts, skippedRecords));
            done += batch.size();
            progress.report("writing", done, total);
            from = to;
        }
        for (int start = 0; start < steady.size(); start += BATCH_RECORDS) {
            List<UUID> batch = steady.subList(start, Math.min(steady.size(), start + BATCH_RECORDS));
            transaction.executeWithoutResult(status -> {
                store.lockType(type.id());
                counts.updated += recomputer
                        .recompute(type, batch, GoldenRecomputer.SYSTEM, reason, Map.of())
                        .size();
            });
            done += batch.size();
            progress.report("writing", done, total);
        }
        links(type, snapshot, plan, prepared, rebuildKeys, skippedRecords, counts, progress);
        return counts;
    }

    private static List<Group> groups(RematchSnapshot snapshot, RematchPlan plan) {
        Map<UUID, UUID> parent = new HashMap<>();
        for (Map.Entry<Long, UUID> entry : snapshot.goldenOf().entrySet()) {
            union(parent, entry.getValue(), plan.targetOf().get(entry.getKey()));
        }
        Map<UUID, Group> byRoot = new LinkedHashMap<>();
        for (Map.Entry<Long, UUID> entry : snapshot.goldenOf().entrySet()) {
            UUID golden = entry.getValue();
            Group group = byRoot.computeIfAbsent(find(parent, golden), r -> new Group());
            group.olds.add(golden);
            group.records.add(entry.getKey());
            if (plan.moves(entry.getKey(), golden) || !plan.kept(golden)) {
                group.changes = true;
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    private static void union(Map<UUID, UUID> parent, UUID a, UUID b) {
        UUID ra = find(parent, a);
        UUID rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    private static UUID find(Map<UUID, UUID> parent, UUID id) {
        UUID root = id;
        UUID next;
        while ((next = parent.get(root)) != null && !next.equals(root)) {
            root = next;
        }
        if (!root.equals(id)) {
            parent.put(id, root);
        }
        return root;
    }

    private void writeBatch(
            EntityTypeView type,
            RematchSnapshot snapshot,
            RematchPlan plan,
            Map<UUID, RematchPlan.Target> targets,
            List<Group> batch,
            String reason,
            Counts counts,
            Set<Long> skippedRecords) {
        store.lockType(type.id());
        List<Long> records = new ArrayList<>();
        Set<UUID> olds = new HashSet<>();
        for (Group group : batch) {
            records.addAll(group.records);
            olds.addAll(group.olds);
        }
        Map<Long, UUID> now = current(records);
        Map<UUID, Integer> liveNow = liveCounts(olds);
        Map<UUID, Integer> liveThen = new HashMap<>();
        for (Long record : records) {
            liveThen.merge(snapshot.goldenOf().get(record), 1, Integer::sum);
        }
        List<Group> valid = new ArrayList<>();
        for (Group group : batch) {
            boolean same = group.olds.stream().allMatch(g -> liveThen.get(g).equals(liveNow.get(g)))
                    && group.records.stream()
                            .allMatch(r -> snapshot.goldenOf().get(r).equals(now.get(r)));
            if (same) {
                valid.add(group);
            } else {
                counts.skipped += group.olds.size();
                skippedRecords.addAll(group.records);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        Set<UUID> groupOlds = new HashSet<>();
        Set<UUID> groupTargets = new LinkedHashSet<>();
        List<Long> groupRecords = new ArrayList<>();
        for (Group group : valid) {
            groupOlds.addAll(group.olds);
            groupRecords.addAll(group.records);
            for (Long record : group.records) {
                groupTargets.add(plan.targetOf().get(record));
            }
        }
        List<UUID> created = new ArrayList<>();
        for (UUID id : groupTargets) {
            RematchPlan.Target target = targets.get(id);
            if (target.kind() == RematchPlan.Kind.CREATED) {
                created.add(id);
                counts.created++;
            } else if (target.kind() == RematchPlan.Kind.RESTORED) {
                store.revive(id);
                counts.restored++;
            }
        }
        store.createEmpty(type.id(), created);

        // records that leave for another golden record than the one their own is merged into go one by one
        Map<UUID, List<Long>> restoring = new LinkedHashMap<>();
        Map<UUID, List<Long>> moving = new LinkedHashMap<>();
        for (Long record : groupRecords) {
            UUID golden = snapshot.goldenOf().get(record);
            UUID to = plan.targetOf().get(record);
            if (to.equals(golden)) {
                continue;
            }
            counts.moved++;
            if (to.equals(plan.absorbedInto().get(golden))) {
                continue;
            }
            if (targets.get(to).kind() == RematchPlan.Kind.RESTORED
                    && to.equals(snapshot.lastMergedFrom().get(record))) {
                restoring.computeIfAbsent(to, t -> new ArrayList<>()).add(record);
            } else {
                moving.computeIfAbsent(to, t -> new ArrayList<>()).add(record);
            }
        }
        restoring.forEach((to, ids) -> store.moveMembers(ids, to, true, GoldenRecomputer.SYSTEM));
        moving.forEach(this::move);

        Map<UUID, Map<String, OverrideValue>> overrides =
                new HashMap<>(store.overrides(concat(groupOlds, groupTargets)));
        Map<UUID, List<UUID>> absorbedBy = plan.absorbedBy(snapshot.createdAt());
        Set<UUID> restored = plan.restored();
        Set<UUID> absorbed = new LinkedHashSet<>();
        for (UUID golden : groupOlds) {
            UUID survivor = plan.absorbedInto().get(golden);
            if (survivor != null) {
                store.moveAllMembers(golden, survivor);
                store.markMerged(
                        golden,
                        survivor,
                        GoldenRecomputer.SYSTEM,
                        reason,
                        Map.of("mergedInto", survivor, "rematch", true));
                absorbed.add(golden);
                counts.merged++;
            }
        }
        Map<UUID, GoldenRecordStore.Annotation> annotations = new LinkedHashMap<>();
        for (UUID id : groupTargets) {
            RematchPlan.Target target = targets.get(id);
            if (target.kind() == RematchPlan.Kind.KEPT) {
                Map<String, OverrideValue> after = plan.overridesAfter(target, overrides, absorbedBy, restored);
                if (!after.equals(overrides.getOrDefault(id, Map.of()))) {
                    store.saveOverrides(id, after);
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("rematch", true);
                String changeType = null;
                List<UUID> merged = absorbedBy.getOrDefault(id, List.of());
                if (!merged.isEmpty()) {
                    changeType = "MERGED";
                    details.put("mergedIds", merged);
                }
                Set<UUID> leaving = plan.leaving().get(id);
                if (leaving != null) {
                    changeType = changeType == null ? "SPLIT" : changeType;
                    details.put("splitInto", List.copyOf(leaving));
                    counts.split++;
                }
                if (changeType != null) {
                    annotations.put(id, new GoldenRecordStore.Annotation(changeType, details, true));
                }
            } else {
                boolean restoredTarget = target.kind() == RematchPlan.Kind.RESTORED;
                annotations.put(
                        id,
                        new GoldenRecordStore.Annotation(
                                restoredTarget ? "SPLIT" : "CREATED",
                                Map.of("splitFrom", target.from(), "restored", restoredTarget, "rematch", true),
                                true));
            }
        }
        counts.updated += recomputer
                .recompute(type, groupTargets, GoldenRecomputer.SYSTEM, reason, annotations)
                .size();
        if (!absorbed.isEmpty()) {
            events.publishEvent(new GoldenRecordsChanged(type.id(), Set.copyOf(absorbed)));
        }
    }

    /** Moves records to another golden record on the re-match's account; they start a new merge history there. */
    private void move(UUID to, List<Long> records) {
        jdbc.sql(
                        """
                        update crosswalk set golden_id = :target, updated_at = now(), merged_from = '{}', rule = :rule,
                                             score = null, assigned_by = :by
                         where source_record_id = any(cast(:ids as bigint[]))
                        """)
                .param("target", to)
                .param("rule", RULE)
                .param("by", GoldenRecomputer.SYSTEM)
                .param("ids", records.toArray(Long[]::new))
                .update();
    }

    /** The active golden record of each live record now. */
    private Map<Long, UUID> current(List<Long> records) {
        Map<Long, UUID> found = new HashMap<>();
        jdbc.sql(
                        """
                        select c.source_record_id, c.golden_id from crosswalk c
                          join golden_record g on g.id = c.golden_id and g.status = 'ACTIVE'
                          join source_record r on r.id = c.source_record_id and not r.deleted
                         where c.source_record_id = any(cast(:ids as bigint[]))
                        """)
                .param("ids", records.toArray(Long[]::new))
                .query(rs -> {
                    found.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /** How many live records each active golden record holds now. */
    private Map<UUID, Integer> liveCounts(Collection<UUID> goldens) {
        Map<UUID, Integer> counts = new HashMap<>();
        jdbc.sql(
                        """
                        select c.golden_id, count(*) from crosswalk c
                          join golden_record g on g.id = c.golden_id and g.status = 'ACTIVE'
                          join source_record r on r.id = c.source_record_id and not r.deleted
                         where c.golden_id = any(cast(:ids as uuid[]))
                         group by c.golden_id
                        """)
                .param("ids", goldens.toArray(UUID[]::new))
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return counts;
    }

    /** Links, blocking keys and review tasks under the new rules, for the records that were written. */
    private void links(
            EntityTypeView type,
            RematchSnapshot snapshot,
            RematchPlan plan,
            List<PreparedRecord> prepared,
            boolean rebuildKeys,
            Set<Long> skipped,
            Counts counts,
            Progress progress) {
        Map<Long, PreparedRecord> byId = new HashMap<>(prepared.size() * 2);
        for (PreparedRecord record : prepared) {
            byId.put(record.id(), record);
        }
        List<Long> ids = new ArrayList<>(snapshot.goldenOf().keySet());
        ids.removeAll(skipped);
        List<MatchLink> links = new ArrayList<>();
        for (MatchLink link : plan.result().sameLinks()) {
            if (!skipped.contains(link.recordA()) && !skipped.contains(link.recordB())) {
                links.add(link);
            }
        }
        List<MatchLink> possible = new ArrayList<>();
        for (MatchLink link : plan.possibleLinks()) {
            if (!skipped.contains(link.recordA()) && !skipped.contains(link.recordB())) {
                possible.add(link);
            }
        }
        links.addAll(possible);
        progress.report("links", 0, ids.size());
        transaction.executeWithoutResult(status -> {
            for (int from = 0; from < ids.size(); from += 20_000) {
                Long[] chunk =
                        ids.subList(from, Math.min(ids.size(), from + 20_000)).toArray(Long[]::new);
                jdbc.sql("delete from match_link where record_a = any(:ids) or record_b = any(:ids)")
                        .param("ids", chunk)
                        .update();
            }
            matching.storeLinks(type.id(), links, byId, plan.engine().scorer());
            Set<RecordPair> tasks = new HashSet<>();
            for (MatchLink link : possible) {
                UUID a = plan.targetOf().get(link.recordA());
                UUID b = plan.targetOf().get(link.recordB());
                if (!tasks.add(pair(a, b))) {
                    continue;
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("probability", link.probability());
                if (link.reason() != null) {
                    details.put("keptApartBy", link.reason().name());
                }
                PreparedRecord left = byId.get(link.recordA());
                PreparedRecord right = byId.get(link.recordB());
                if (left != null && right != null) {
                    details.put(
                            "evidence", Matching.evidence(plan.engine().scorer().explain(left, right)));
                }
                events.publishEvent(new PossibleMatchFound(type.id(), a, b, details));
            }
            counts.possibleMatches = tasks.size();
        });
        if (rebuildKeys) {
            for (int from = 0; from < ids.size(); from += 50_000) {
                Map<Long, List<String>> keys = new HashMap<>();
                for (Long id : ids.subList(from, Math.min(ids.size(), from + 50_000))) {
                    PreparedRecord record = byId.get(id);
                    if (record != null) {
                        keys.put(id, plan.engine().preparer().blockingKeys(record));
                    }
                }
                transaction.executeWithoutResult(status -> matching.replaceKeys(type.id(), keys));
                progress.report("links", Math.min(ids.size(), from + 50_000), ids.size());
            }
        }
    }

    private static RecordPair pair(UUID a, UUID b) {
        long x = a.getMostSignificantBits() ^ a.getLeastSignificantBits();
        long y = b.getMostSignificantBits() ^ b.getLeastSignificantBits();
        return RecordPair.of(x, y);
    }

    private static List<UUID> concat(Collection<UUID> a, Collection<UUID> b) {
        Set<UUID> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
