package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.amalgam.golden.GoldenRecordsChanged;
import org.amalgam.golden.MergeOutcome;
import org.amalgam.golden.SplitOutcome;
import org.amalgam.golden.SplitPlan;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A steward's edits of golden records: merge, split, override. Each takes the entity type's lock, writes versions and
 * change events through the store, and leaves match assertions that keep the matcher from undoing it.
 *
 * <p>Merge and split are each other's inverse: a merge moves every crosswalk row of the absorbed record to the survivor
 * and pushes the absorbed id onto the row's {@code merged_from}; a split of one of those records pops it again and
 * moves back every record whose latest {@code merged_from} is that id, reviving the absorbed record with its own
 * overrides. Values and lineage are recomputed from the same source records, so both records come back exactly.
 */
@Component
public class GoldenEditor {

    static final String SAME = "SAME";
    static final String DIFFERENT = "DIFFERENT";

    private final GoldenRecordStore store;
    private final GoldenRecomputer recomputer;
    private final ApplicationEventPublisher events;

    GoldenEditor(GoldenRecordStore store, GoldenRecomputer recomputer, ApplicationEventPublisher events) {
        this.store = store;
        this.recomputer = recomputer;
        this.events = events;
    }

    /**
     * Merges two golden records: the older id survives and the other is absorbed. SAME is asserted between the first
     * live source record of each (the records inside each stay together by their own links), and every DIFFERENT
     * between a record of one and a record of the other is retracted.
     */
    public MergeOutcome merge(EntityTypeView type, UUID id, UUID with, String by, String reason) {
        if (id.equals(with)) {
            throw new InvalidInputException("A golden record cannot be merged with itself; name another golden id.");
        }
        requireReason(reason);
        store.lockType(type.id());
        GoldenRecordStore.GoldenRow a = active(type, id);
        GoldenRecordStore.GoldenRow b = active(type, with);
        boolean aOlder = a.createdAt().isBefore(b.createdAt())
                || a.createdAt().equals(b.createdAt()) && a.id().compareTo(b.id()) < 0;
        GoldenRecordStore.GoldenRow survivor = aOlder ? a : b;
        GoldenRecordStore.GoldenRow absorbed = aOlder ? b : a;
        List<Long> survivorLive = live(store.memberships(survivor.id()));
        List<Long> absorbedLive = live(store.memberships(absorbed.id()));

        store.moveAllMembers(absorbed.id(), survivor.id());
        Map<String, OverrideValue> overrides = new LinkedHashMap<>(survivor.overrides());
        absorbed.overrides()
                .forEach((attribute, value) -> overrides.putIfAbsent(
                        attribute,
                        new OverrideValue(value.value(), value.reason(), value.by(), value.at(), absorbed.id())));
        if (!overrides.equals(survivor.overrides())) {
            store.saveOverrides(survivor.id(), overrides);
        }
        store.markMerged(absorbed.id(), survivor.id(), by, reason, Map.of("mergedInto", survivor.id()));
        recomputer.recompute(
                type,
                List.of(survivor.id()),
                by,
                reason,
                Map.of(
                        survivor.id(),
                        new GoldenRecordStore.Annotation("MERGED", Map.of("mergedIds", List.of(absorbed.id())), true)));
        if (!survivorLive.isEmpty() && !absorbedLive.isEmpty()) {
            store.retractPairs(pairs(survivorLive, absorbedLive), DIFFERENT);
            store.assertPairs(
                    type.id(),
                    List.<long[]>of(new long[] {survivorLive.get(0), absorbedLive.get(0)}),
                    SAME,
                    by,
                    reason);
        }
        events.publishEvent(new GoldenRecordsChanged(type.id(), Set.of(absorbed.id(), survivor.id())));
        return new MergeOutcome(survivor.id(), absorbed.id());
    }

    /** What {@link #split} would do, without doing it. */
    public SplitPlan planSplit(EntityTypeView type, UUID id, long sourceRecordId) {
        Plan plan = plan(type, id, sourceRecordId, false);
        Map<Long, String> labels = store.labels(concat(plan.moving(), plan.staying()));
        return new SplitPlan(
                id,
                plan.restores() ? plan.target() : null,
                plan.restores(),
                plan.moving().stream()
                        .filter(labels::containsKey)
                        .map(labels::get)
                        .toList(),
                plan.stayingLive().stream().map(labels::get).toList());
    }

    /**
     * Takes a source record out of a golden record. When a merge brought it in, the golden record it came from comes
     * back with every record that came in with it; otherwise it gets a new golden id. DIFFERENT is asserted between
     * every live record that moved and every live record that stayed.
     */
    public SplitOutcome split(EntityTypeView type, UUID id, long sourceRecordId, String by, String reason) {
        requireReason(reason);
        store.lockType(type.id());
        active(type, id);
        Plan plan = plan(type, id, sourceRecordId, true);
        GoldenRecordStore.GoldenRow from = store.findForUpdate(id).orElseThrow();
        UUID target;
        Map<UUID, GoldenRecordStore.Annotation> annotations = new LinkedHashMap<>();
        if (plan.restores()) {
            target = plan.target();
            store.revive(target);
            Map<String, OverrideValue> kept = new LinkedHashMap<>(from.overrides());
            kept.values().removeIf(o -> target.equals(o.from()));
            if (!kept.equals(from.overrides())) {
                store.saveOverrides(id, kept);
            }
            store.moveMembers(plan.moving(), target, true, by);
            annotations.put(
                    target, new GoldenRecordStore.Annotation("SPLIT", Map.of("splitFrom", id, "restored", true), true));
        } else {
            target = GoldenIds.next();
            store.createEmpty(type.id(), List.of(target));
            store.moveMembers(plan.moving(), target, false, by);
            annotations.put(
                    target,
                    new GoldenRecordStore.Annotation("CREATED", Map.of("splitFrom", id, "restored", false), true));
        }
        annotations.put(id, new GoldenRecordStore.Annotation("SPLIT", Map.of("splitInto", target), true));
        recomputer.recompute(type, List.of(id, target), by, reason, annotations);
        List<Long> movedLive =
                plan.moving().stream().filter(plan.live()::contains).toList();
        store.assertPairs(type.id(), pairs(movedLive, plan.stayingLive()), DIFFERENT, by, reason);
        Map<Long, String> labels = store.labels(plan.moving());
        return new SplitOutcome(id, target, plan.restores(), List.copyOf(labels.values()));
    }

    /** The entity type's lock, which every golden writer takes first; held until the transaction ends. */
    public void lockType(EntityTypeView type) {
        store.lockType(type.id());
    }

    /** A steward's value for one attribute; it wins over survivorship, in every recomputation, until removed. */
    public void override(EntityTypeView type, UUID id, String attribute, String value, String by, String reason) {
        AttributeDefinition definition = type.attribute(attribute)
                .orElseThrow(() -> new NotFoundException("The " + type.code() + " model has no attribute '" + attribute
                        + "'. Its attributes: " + String.join(", ", type.attributeNames()) + "."));
        String text = value == null ? null : value.strip();
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(
                    "Send the value to set, e.g. {\"value\": \"1990-02-01\", \"reason\": \"passport\"}; to remove an"
                            + " override, DELETE it.",
                    List.of(new InvalidInputException.FieldError("value", "is required")));
        }
        requireReason(reason);
        String problem = definition.validation().problem(text);
        if (problem != null) {
            throw new InvalidInputException(
                    "The value does not meet the model's rules for " + attribute + ": " + problem + ".",
                    List.of(new InvalidInputException.FieldError("value", problem)));
        }
        store.lockType(type.id());
        GoldenRecordStore.GoldenRow row = active(type, id);
        Map<String, OverrideValue> overrides = new LinkedHashMap<>(row.overrides());
        overrides.put(attribute, new OverrideValue(text, reason.strip(), by, Instant.now(), null));
        store.saveOverrides(id, overrides);
        recomputer.recompute(
                type,
                List.of(id),
                by,
                reason.strip(),
                Map.of(
                        id,
                        new GoldenRecordStore.Annotation(
                                "OVERRIDDEN", Map.of("attribute", attribute, "value", text), true)));
    }

    /** Removes a steward's override: survivorship chooses the value again. */
    public void removeOverride(EntityTypeView type, UUID id, String attribute, String by, String reason) {
        store.lockType(type.id());
        GoldenRecordStore.GoldenRow row = active(type, id);
        if (!row.overrides().containsKey(attribute)) {
            throw new NotFoundException("Golden record " + id + " has no steward override of '" + attribute + "'"
                    + (row.overrides().isEmpty()
                            ? "."
                            : "; it has overrides of "
                                    + String.join(", ", row.overrides().keySet()) + "."));
        }
        Map<String, OverrideValue> overrides = new LinkedHashMap<>(row.overrides());
        overrides.remove(attribute);
        store.saveOverrides(id, overrides);
        String why = reason == null || reason.isBlank() ? "override removed" : reason.strip();
        recomputer.recompute(
                type,
                List.of(id),
                by,
                why,
                Map.of(id, new GoldenRecordStore.Annotation("OVERRIDE_REMOVED", Map.of("attribute", attribute), true)));
    }

    /** Asserts DIFFERENT between every live source record of one golden record and every one of the other. */
    public void assertDifferent(EntityTypeView type, UUID id, UUID other, String by, String reason) {
        store.lockType(type.id());
        List<Long> a = live(store.memberships(active(type, id).id()));
        List<Long> b = live(store.memberships(active(type, other).id()));
        store.assertPairs(type.id(), pairs(a, b), DIFFERENT, by, reason);
    }

    private record Plan(
            boolean restores,
            UUID target,
            List<Long> moving,
            List<Long> staying,
            List<Long> stayingLive,
            Set<Long> live) {}

    private Plan plan(EntityTypeView type, UUID id, long sourceRecordId, boolean lock) {
        active(type, id, lock);
        List<GoldenRecordStore.Membership> memberships = store.memberships(id);
        GoldenRecordStore.Membership named = memberships.stream()
                .filter(m -> m.sourceRecordId() == sourceRecordId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("That source record is not part of golden record " + id
                        + "; its crosswalk lists the records that are."));
        if (named.deleted()) {
            throw new ConflictException(
                    "That source record was deleted by its source; only live records can be split" + " out.");
        }
        UUID previous = named.lastMergedFrom().orElse(null);
        boolean restores = false;
        if (previous != null) {
            GoldenRecordStore.GoldenRow before = store.find(previous, lock).orElse(null);
            restores = before != null && "MERGED".equals(before.status()) && id.equals(before.mergedInto());
        }
        Set<Long> live = Set.copyOf(live(memberships));
        List<Long> moving = new ArrayList<>();
        List<Long> staying = new ArrayList<>();
        group(memberships, restores, previous, sourceRecordId, moving, staying);
        if (restores && staying.stream().noneMatch(live::contains)) {
            // every live record came in with that merge (the record's own ones were split off since): the record now
            // stands for the merged-away one, so only the named record leaves, under a new id
            restores = false;
            group(memberships, false, previous, sourceRecordId, moving, staying);
        }
        List<Long> stayingLive = staying.stream().filter(live::contains).toList();
        if (stayingLive.isEmpty()) {
            throw new ConflictException("Golden record " + id + " would have no live source record left; there is"
                    + " nothing to split it from.");
        }
        return new Plan(restores, restores ? previous : null, moving, staying, stayingLive, live);
    }

    private static void group(
            List<GoldenRecordStore.Membership> memberships,
            boolean restores,
            UUID previous,
            long sourceRecordId,
            List<Long> moving,
            List<Long> staying) {
        moving.clear();
        staying.clear();
        for (GoldenRecordStore.Membership m : memberships) {
            boolean goes = restores
                    ? Objects.equals(previous, m.lastMergedFrom().orElse(null))
                    : m.sourceRecordId() == sourceRecordId;
            (goes ? moving : staying).add(m.sourceRecordId());
        }
    }

    /** The golden record, locked, when it is an active record of this type; else a message that says what it is. */
    private GoldenRecordStore.GoldenRow active(EntityTypeView type, UUID id) {
        return active(type, id, true);
    }

    private GoldenRecordStore.GoldenRow active(EntityTypeView type, UUID id, boolean lock) {
        GoldenRecordStore.GoldenRow row = store.find(id, lock)
                .filter(r -> r.entityTypeId() == type.id())
                .orElseThrow(() -> new NotFoundException("There is no " + type.code() + " golden record " + id + "."));
        if ("MERGED".equals(row.status())) {
            throw new ConflictException(
                    "Golden record " + id + " was merged into " + row.mergedInto() + "; work on that record instead.");
        }
        if ("RETIRED".equals(row.status())) {
            throw new ConflictException(
                    "Golden record " + id + " is retired: none of its source records is live any more.");
        }
        return row;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(
                    "Say why (reason): the history shows it to the next steward.",
                    List.of(new InvalidInputException.FieldError("reason", "is required")));
        }
    }

    private static List<Long> live(List<GoldenRecordStore.Membership> memberships) {
        return memberships.stream()
                .filter(m -> !m.deleted())
                .map(GoldenRecordStore.Membership::sourceRecordId)
                .toList();
    }

    private static List<long[]> pairs(List<Long> a, List<Long> b) {
        List<long[]> pairs = new ArrayList<>(a.size() * b.size());
        for (long x : a) {
            for (long y : b) {
                pairs.add(new long[] {x, y});
            }
        }
        return pairs;
    }

    private static List<Long> concat(Collection<Long> a, Collection<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
