package org.amalgam.golden.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.BulkResult;
import org.amalgam.match.engine.MatchLink;

/**
 * The golden records a re-match arrives at: every new cluster with the golden id it keeps or gets, and what becomes of
 * every golden record of the snapshot.
 *
 * @param targets the clusters with their ids
 * @param targetOf the golden id each record ends up in
 * @param absorbedInto golden records that are merged away, and the golden record they are merged into
 * @param leaving for golden records that lose records to another golden record, the ids those records go to
 * @param possibleLinks pairs for review between two different golden records, without those a steward already
 *     asserted DIFFERENT
 */
record RematchPlan(
        Matching.Engine engine,
        Matching.WeightsSource weights,
        BulkResult result,
        List<Target> targets,
        Map<Long, UUID> targetOf,
        Map<UUID, UUID> absorbedInto,
        Map<UUID, Set<UUID>> leaving,
        List<MatchLink> possibleLinks) {

    /** How a cluster gets its id. */
    enum Kind {
        /** it continues a golden record of the snapshot */
        KEPT,
        /** a new golden record */
        CREATED,
        /** a golden record that was merged away earlier comes back, as a steward's split brings it back */
        RESTORED
    }

    /**
     * One cluster of the re-match.
     *
     * @param from the golden record of the snapshot most of its records come from
     */
    record Target(UUID id, Kind kind, long[] recordIds, UUID from) {}

    /** Whether a golden record of the snapshot keeps its id. */
    boolean kept(UUID golden) {
        return !absorbedInto.containsKey(golden);
    }

    /** Whether a record changes its golden record. */
    boolean moves(long record, UUID from) {
        return !targetOf.get(record).equals(from);
    }

    /** The golden records that come back. */
    Set<UUID> restored() {
        Set<UUID> restored = new java.util.HashSet<>();
        for (Target target : targets) {
            if (target.kind() == Kind.RESTORED) {
                restored.add(target.id());
            }
        }
        return restored;
    }

    /** For every kept golden record that others are merged into: those, oldest first. */
    Map<UUID, List<UUID>> absorbedBy(Map<UUID, java.time.Instant> createdAt) {
        Map<UUID, List<UUID>> absorbed = new java.util.HashMap<>();
        absorbedInto.forEach((golden, into) ->
                absorbed.computeIfAbsent(into, k -> new java.util.ArrayList<>()).add(golden));
        absorbed.values()
                .forEach(list -> list.sort(java.util.Comparator.comparing((UUID g) -> createdAt.get(g))
                        .thenComparing(java.util.Comparator.naturalOrder())));
        return absorbed;
    }

    /**
     * The steward overrides a target ends up with, as a steward's merge and split leave them: a kept golden record
     * keeps its own (without those of a golden record that comes back) and takes those of the records merged into it
     * for attributes it has none of; a restored one has its own again; a new one has none.
     */
    Map<String, OverrideValue> overridesAfter(
            Target target,
            Map<UUID, Map<String, OverrideValue>> overrides,
            Map<UUID, List<UUID>> absorbedBy,
            Set<UUID> restored) {
        if (target.kind() == Kind.CREATED) {
            return Map.of();
        }
        Map<String, OverrideValue> own = overrides.getOrDefault(target.id(), Map.of());
        if (target.kind() == Kind.RESTORED) {
            return own;
        }
        Map<String, OverrideValue> after = new java.util.LinkedHashMap<>(own);
        after.values().removeIf(o -> o.from() != null && restored.contains(o.from()));
        for (UUID absorbed : absorbedBy.getOrDefault(target.id(), List.of())) {
            overrides
                    .getOrDefault(absorbed, Map.of())
                    .forEach((attribute, value) -> after.putIfAbsent(
                            attribute,
                            new OverrideValue(value.value(), value.reason(), value.by(), value.at(), absorbed)));
        }
        return after;
    }
}
