package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.BulkClusterer;
import org.amalgam.match.engine.BulkResult;
import org.amalgam.match.engine.Constraints;
import org.amalgam.match.engine.LinkReason;
import org.amalgam.match.engine.MatchLink;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.RecordPair;
import org.amalgam.match.engine.ResultCluster;
import org.amalgam.model.EntityTypeView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clusters all records of an entity type again, as a bulk load would cluster them from scratch, and decides the golden
 * id of every cluster: the cluster that keeps most of a golden record's records keeps its id (when it keeps most of
 * several, the oldest of them survives and the others are merged into it); a cluster that keeps most of none gets the
 * golden record back that its records were merged away from, as a steward's split does, or a new id. Steward decisions
 * stand: records asserted DIFFERENT never end up together, records asserted SAME always do.
 */
@Component
class Rematcher {

    private static final int READ_CHUNK = 50_000;

    private final JdbcClient jdbc;
    private final Matching matching;

    Rematcher(JdbcClient jdbc, Matching matching) {
        this.jdbc = jdbc;
        this.matching = matching;
    }

    /** The type's golden records and steward assertions as they are now. */
    RematchSnapshot snapshot(EntityTypeView type) {
        Map<Long, UUID> goldenOf = new LinkedHashMap<>();
        Map<UUID, Instant> createdAt = new HashMap<>();
        Map<Long, UUID> lastMergedFrom = new HashMap<>();
        jdbc.sql(
                        """
                        select c.source_record_id, c.golden_id, g.created_at,
                               c.merged_from[cardinality(c.merged_from)] as last_from
                          from crosswalk c
                          join source_record r on r.id = c.source_record_id
                          join golden_record g on g.id = c.golden_id
                         where r.entity_type_id = :type and not r.deleted and g.status = 'ACTIVE'
                         order by c.source_record_id
                        """)
                .param("type", type.id())
                .withFetchSize(10_000)
                .query(rs -> {
                    long record = rs.getLong(1);
                    UUID golden = rs.getObject(2, UUID.class);
                    goldenOf.put(record, golden);
                    createdAt.putIfAbsent(golden, rs.getTimestamp(3).toInstant());
                    UUID from = rs.getObject(4, UUID.class);
                    if (from != null) {
                        lastMergedFrom.put(record, from);
                    }
                });
        Map<UUID, UUID> mergedInto = new HashMap<>();
        if (!lastMergedFrom.isEmpty()) {
            jdbc.sql("select id, merged_into from golden_record where id = any(:ids) and status = 'MERGED'")
                    .param("ids", new HashSet<>(lastMergedFrom.values()).toArray(UUID[]::new))
                    .query(rs -> {
                        mergedInto.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    });
        }
        List<RecordPair> different = new ArrayList<>();
        List<long[]> samePairs = new ArrayList<>();
        jdbc.sql(
                        """
                        select record_a, record_b, kind from match_assertion
                         where entity_type_id = :type and status = 'ASSERTED'
                        """)
                .param("type", type.id())
                .query(rs -> {
                    long a = rs.getLong(1);
                    long b = rs.getLong(2);
                    if (goldenOf.containsKey(a) && goldenOf.containsKey(b)) {
                        if ("SAME".equals(rs.getString(3))) {
                            samePairs.add(new long[] {a, b});
                        } else {
                            different.add(RecordPair.of(a, b));
                        }
                    }
                });
        return new RematchSnapshot(goldenOf, createdAt, lastMergedFrom, mergedInto, different, groups(samePairs));
    }

    /** The records of the snapshot as the engine reads them. */
    List<MatchRecord> records(RematchSnapshot snapshot) {
        List<Long> ids = new ArrayList<>(snapshot.goldenOf().keySet());
        List<MatchRecord> records = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            records.addAll(matching.records(ids.subList(from, Math.min(ids.size(), from + READ_CHUNK))));
        }
        records.sort(Comparator.comparingLong(MatchRecord::id));
        // a record deleted since the snapshot was read is left out of it
        if (records.size() < ids.size()) {
            Set<Long> read = new HashSet<>();
            for (MatchRecord record : records) {
                read.add(record.id());
            }
            snapshot.goldenOf().keySet().retainAll(read);
            snapshot.createdAt()
                    .keySet()
                    .retainAll(new HashSet<>(snapshot.goldenOf().values()));
        }
        return records;
    }

    /** Clusters the prepared records of the draft and decides every cluster's golden id. */
    RematchPlan plan(RematchSnapshot snapshot, Matching.Draft draft) {
        BulkResult result = new BulkClusterer(draft.engine().scorer(), BulkClusterer.Options.defaults())
                .cluster(
                        draft.records(),
                        Map.of(),
                        snapshot.different().isEmpty()
                                ? Constraints.none()
                                : Constraints.different(snapshot.different()),
                        snapshot.same());
        return assign(snapshot, draft, result);
    }

    static RematchPlan assign(RematchSnapshot snapshot, Matching.Draft draft, BulkResult result) {
        Map<Long, UUID> goldenOf = snapshot.goldenOf();
        List<ResultCluster> clusters = result.clusters();
        Map<Long, Integer> clusterOf = new HashMap<>();
        for (int c = 0; c < clusters.size(); c++) {
            for (long id : clusters.get(c).recordIds()) {
                clusterOf.put(id, c);
            }
        }
        // each golden record's heir: the cluster with most of its records; a tie goes to the one with its first record
        Map<UUID, List<Long>> recordsOf = new LinkedHashMap<>();
        for (Map.Entry<Long, UUID> entry : new TreeMap<>(goldenOf).entrySet()) {
            if (clusterOf.containsKey(entry.getKey())) {
                recordsOf
                        .computeIfAbsent(entry.getValue(), g -> new ArrayList<>())
                        .add(entry.getKey());
            }
        }
        Map<Integer, List<UUID>> claimants = new HashMap<>();
        for (Map.Entry<UUID, List<Long>> entry : recordsOf.entrySet()) {
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (long record : entry.getValue()) {
                counts.merge(clusterOf.get(record), 1, Integer::sum);
            }
            int heir = -1;
            int most = 0;
            for (Map.Entry<Integer, Integer> count : counts.entrySet()) {
                if (count.getValue() > most) {
                    heir = count.getKey();
                    most = count.getValue();
                }
            }
            claimants.computeIfAbsent(heir, c -> new ArrayList<>()).add(entry.getKey());
        }
        Comparator<UUID> oldestFirst =
                Comparator.comparing((UUID g) -> snapshot.createdAt().get(g)).thenComparing(Comparator.naturalOrder());
        List<RematchPlan.Target> targets = new ArrayList<>(clusters.size());
        Map<Long, UUID> targetOf = new HashMap<>(goldenOf.size() * 2);
        Map<UUID, UUID> absorbedInto = new LinkedHashMap<>();
        Set<UUID> used = new HashSet<>(recordsOf.keySet());
        for (int c = 0; c < clusters.size(); c++) {
            ResultCluster cluster = clusters.get(c);
            List<UUID> heirs = claimants.getOrDefault(c, List.of());
            UUID from = mostCommon(cluster.recordIds(), goldenOf);
            RematchPlan.Target target;
            if (!heirs.isEmpty()) {
                List<UUID> ordered = new ArrayList<>(heirs);
                ordered.sort(oldestFirst);
                UUID survivor = ordered.get(0);
                for (UUID absorbed : ordered.subList(1, ordered.size())) {
                    absorbedInto.put(absorbed, survivor);
                }
                target = new RematchPlan.Target(survivor, RematchPlan.Kind.KEPT, cluster.recordIds(), survivor);
            } else {
                UUID previous = mostCommon(cluster.recordIds(), snapshot.lastMergedFrom());
                Set<UUID> leftBehind = new HashSet<>();
                for (long id : cluster.recordIds()) {
                    leftBehind.add(goldenOf.get(id));
                }
                if (previous != null
                        && leftBehind.contains(snapshot.mergedInto().get(previous))
                        && used.add(previous)) {
                    target = new RematchPlan.Target(previous, RematchPlan.Kind.RESTORED, cluster.recordIds(), from);
                } else {
                    target = new RematchPlan.Target(
                            GoldenIds.next(), RematchPlan.Kind.CREATED, cluster.recordIds(), from);
                }
            }
            targets.add(target);
            for (long id : cluster.recordIds()) {
                targetOf.put(id, target.id());
            }
        }
        Map<UUID, Set<UUID>> leaving = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<Long>> entry : recordsOf.entrySet()) {
            UUID golden = entry.getKey();
            UUID continuedBy = absorbedInto.getOrDefault(golden, golden);
            for (long record : entry.getValue()) {
                UUID to = targetOf.get(record);
                if (!to.equals(continuedBy)) {
                    leaving.computeIfAbsent(golden, g -> new LinkedHashSet<>()).add(to);
                }
            }
        }
        // a pair a steward already decided is not put before a steward again
        Set<RecordPair> decided = new HashSet<>(snapshot.different());
        List<MatchLink> possible = new ArrayList<>();
        for (MatchLink link : result.possibleLinks()) {
            UUID a = targetOf.get(link.recordA());
            UUID b = targetOf.get(link.recordB());
            if (a != null
                    && b != null
                    && !a.equals(b)
                    && link.reason() != LinkReason.ASSERTED_DIFFERENT
                    && !decided.contains(RecordPair.of(link.recordA(), link.recordB()))) {
                possible.add(link);
            }
        }
        return new RematchPlan(
                draft.engine(), draft.weights(), result, targets, targetOf, absorbedInto, leaving, possible);
    }

    /** The value most of the records map to (the first record's on a tie), or null when none maps to one. */
    private static UUID mostCommon(long[] records, Map<Long, UUID> values) {
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        for (long record : records) {
            UUID value = values.get(record);
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        UUID best = null;
        int most = 0;
        for (Map.Entry<UUID, Integer> count : counts.entrySet()) {
            if (count.getValue() > most) {
                best = count.getKey();
                most = count.getValue();
            }
        }
        return best;
    }

    /** Pairs joined transitively into groups. */
    private static List<long[]> groups(List<long[]> pairs) {
        Map<Long, Long> parent = new HashMap<>();
        for (long[] pair : pairs) {
            long a = find(parent, pair[0]);
            long b = find(parent, pair[1]);
            if (a != b) {
                parent.put(Math.max(a, b), Math.min(a, b));
            }
        }
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (Long id : parent.keySet()) {
            members.computeIfAbsent(find(parent, id), r -> new ArrayList<>()).add(id);
        }
        List<long[]> groups = new ArrayList<>();
        for (List<Long> group : members.values()) {
            if (group.size() > 1) {
                groups.add(group.stream().mapToLong(Long::longValue).sorted().toArray());
            }
        }
        return groups;
    }

    private static long find(Map<Long, Long> parent, long id) {
        parent.putIfAbsent(id, id);
        long root = id;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        return root;
    }
}
