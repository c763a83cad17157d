package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.amalgam.golden.DryRunReport;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.RecordPair;
import org.amalgam.model.EntityTypeView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dry run of a changed model: the type's records are clustered again under its match settings and every golden
 * record's values chosen again under its survivorship (steward overrides win, as always), and the result is compared
 * with the golden records as they are. Reads only.
 */
@Component
public class RematchPreview {

    static final String MERGED = "MERGED";
    static final String SPLIT = "SPLIT";
    static final String JOINED = "JOINED";
    static final String VALUE_CHANGED = "VALUE_CHANGED";

    private static final int READ_CHUNK = 10_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, OverrideValue>> OVERRIDES = new TypeReference<>() {};

    private final Rematcher rematcher;
    private final Matching matching;
    private final GoldenRecordStore store;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    RematchPreview(Rematcher rematcher, Matching matching, GoldenRecordStore store, JdbcClient jdbc, JsonMapper json) {
        this.rematcher = rematcher;
        this.matching = matching;
        this.store = store;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param current the type as stored
     * @param proposed the type as the changed model describes it (attributes, survivorship)
     * @param settings the changed model's match settings
     * @param samples how many golden records of each outcome to show
     */
    public DryRunReport report(EntityTypeView current, EntityTypeView proposed, MatchSettings settings, int samples) {
        RematchSnapshot snapshot = rematcher.snapshot(current);
        List<MatchRecord> records = rematcher.records(snapshot);
        Matching.Draft draft = matching.draft(current, settings, records);
        RematchPlan plan = rematcher.plan(snapshot, draft);

        Set<UUID> goldens = new LinkedHashSet<>(snapshot.createdAt().keySet());
        Set<UUID> restored = plan.restored();
        Set<UUID> read = new HashSet<>(goldens);
        read.addAll(restored);
        Map<UUID, Map<String, Object>> valuesNow = new HashMap<>();
        Map<UUID, Map<String, OverrideValue>> overrides = new HashMap<>();
        Map<Long, Survivorship.Member> members = new HashMap<>();
        List<UUID> ids = new ArrayList<>(read);
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
            readGoldens(chunk, valuesNow, overrides);
            store.members(chunk).values().forEach(list -> list.forEach(m -> members.put(m.id(), m)));
        }

        Map<UUID, List<UUID>> absorbedBy = plan.absorbedBy(snapshot.createdAt());
        Map<UUID, Map<String, Object>> valuesAfter = new HashMap<>();
        Map<UUID, RematchPlan.Target> targetById = new HashMap<>();
        for (RematchPlan.Target target : plan.targets()) {
            targetById.put(target.id(), target);
            List<Survivorship.Member> live = new ArrayList<>(target.recordIds().length);
            for (long id : target.recordIds()) {
                Survivorship.Member member = members.get(id);
                if (member != null) {
                    live.add(member);
                }
            }
            valuesAfter.put(
                    target.id(),
                    Survivorship.choose(
                                    proposed.attributeNames(),
                                    live,
                                    proposed.survivorship(),
                                    plan.overridesAfter(target, overrides, absorbedBy, restored))
                            .values());
        }

        Map<UUID, List<Long>> recordsOf = new HashMap<>();
        snapshot.goldenOf().forEach((record, golden) -> recordsOf
                .computeIfAbsent(golden, g -> new ArrayList<>())
                .add(record));
        List<UUID> ordered = new ArrayList<>(goldens);
        ordered.sort(
                Comparator.comparing((UUID g) -> snapshot.createdAt().get(g)).thenComparing(Comparator.naturalOrder()));
        int merged = 0;
        int split = 0;
        int joined = 0;
        int valueChanged = 0;
        int unchanged = 0;
        Map<String, List<Outcome>> sampled = new LinkedHashMap<>();
        for (String outcome : DryRunReport.OUTCOMES) {
            sampled.put(outcome, new ArrayList<>());
        }
        for (UUID golden : ordered) {
            UUID continuedBy = plan.absorbedInto().getOrDefault(golden, golden);
            RematchPlan.Target heir = targetById.get(continuedBy);
            List<Long> before = recordsOf.getOrDefault(golden, List.of());
            String outcome;
            if (!plan.kept(golden)) {
                outcome = MERGED;
                merged++;
            } else if (plan.leaving().containsKey(golden)) {
                outcome = SPLIT;
                split++;
            } else if (heir.recordIds().length != before.size()) {
                outcome = JOINED;
                joined++;
            } else if (!Objects.equals(valuesNow.get(golden), valuesAfter.get(golden))) {
                outcome = VALUE_CHANGED;
                valueChanged++;
            } else {
                unchanged++;
                continue;
            }
            List<Outcome> list = sampled.get(outcome);
            if (list.size() < samples) {
                list.add(new Outcome(golden, outcome, heir, before));
            }
        }

        int created = 0;
        int restoredCount = 0;
        for (RematchPlan.Target target : plan.targets()) {
            if (target.kind() == RematchPlan.Kind.CREATED) {
                created++;
            } else if (target.kind() == RematchPlan.Kind.RESTORED) {
                restoredCount++;
            }
        }
        int moved = 0;
        for (Map.Entry<Long, UUID> entry : snapshot.goldenOf().entrySet()) {
            if (plan.moves(entry.getKey(), entry.getValue())) {
                moved++;
            }
        }
        Set<RecordPair> reviews = new HashSet<>();
        for (var link : plan.possibleLinks()) {
            reviews.add(
                    pairOf(plan.targetOf().get(link.recordA()), plan.targetOf().get(link.recordB())));
        }

        Set<Long> labelled = new HashSet<>();
        for (List<Outcome> list : sampled.values()) {
            for (Outcome outcome : list) {
                labelled.addAll(outcome.before());
                for (long id : outcome.heir().recordIds()) {
                    labelled.add(id);
                }
            }
        }
        Map<Long, String> labels = labelled.isEmpty() ? Map.of() : store.labels(labelled);
        Map<String, List<DryRunReport.Sample>> samplesByOutcome = new LinkedHashMap<>();
        sampled.forEach((outcome, list) -> samplesByOutcome.put(
                outcome,
                list.stream()
                        .map(o -> sample(o, plan, proposed, valuesNow, valuesAfter, labels))
                        .toList()));
        var thresholds = new DryRunReport.Thresholds(
                band(matching.engine(current).settings()), band(draft.engine().settings()));
        return new DryRunReport(
                current.code(),
                current.version(),
                snapshot.goldenOf().size(),
                goldens.size(),
                plan.targets().size(),
                new DryRunReport.Counts(
                        merged, split, joined, valueChanged, unchanged, created, restoredCount, moved, reviews.size()),
                thresholds,
                draft.weights().name(),
                samplesByOutcome);
    }

    private record Outcome(UUID golden, String outcome, RematchPlan.Target heir, List<Long> before) {}

    private static DryRunReport.Sample sample(
            Outcome o,
            RematchPlan plan,
            EntityTypeView proposed,
            Map<UUID, Map<String, Object>> valuesNow,
            Map<UUID, Map<String, Object>> valuesAfter,
            Map<Long, String> labels) {
        List<DryRunReport.SplitOff> splitOff = new ArrayList<>();
        if (SPLIT.equals(o.outcome())) {
            Map<UUID, List<String>> leaving = new LinkedHashMap<>();
            for (long record : o.before()) {
                UUID to = plan.targetOf().get(record);
                if (!to.equals(o.heir().id())) {
                    leaving.computeIfAbsent(to, t -> new ArrayList<>()).add(labels.get(record));
                }
            }
            Map<UUID, RematchPlan.Kind> kinds = new HashMap<>();
            for (RematchPlan.Target target : plan.targets()) {
                if (leaving.containsKey(target.id())) {
                    kinds.put(target.id(), target.kind());
                }
            }
            leaving.forEach((to, records) -> splitOff.add(new DryRunReport.SplitOff(
                    kinds.get(to) == RematchPlan.Kind.CREATED ? null : to,
                    kinds.get(to) == RematchPlan.Kind.RESTORED,
                    records)));
        }
        List<String> after = new ArrayList<>();
        for (long id : o.heir().recordIds()) {
            after.add(labels.get(id));
        }
        return new DryRunReport.Sample(
                o.golden(),
                o.outcome(),
                MERGED.equals(o.outcome()) ? o.heir().id() : null,
                o.before().stream().map(labels::get).sorted().toList(),
                after.stream().sorted().toList(),
                splitOff,
                changes(
                        proposed.attributeNames(),
                        valuesNow.getOrDefault(o.golden(), Map.of()),
                        valuesAfter.getOrDefault(o.heir().id(), Map.of())));
    }

    /** The attributes whose values differ, in the model's order, then any others. */
    static List<DryRunReport.ValueChange> changes(
            List<String> order, Map<String, Object> before, Map<String, Object> after) {
        Set<String> attributes = new LinkedHashSet<>(order);
        attributes.addAll(before.keySet());
        attributes.addAll(after.keySet());
        List<DryRunReport.ValueChange> changes = new ArrayList<>();
        for (String attribute : attributes) {
            Object a = before.get(attribute);
            Object b = after.get(attribute);
            if (!Objects.equals(a, b)) {
                changes.add(new DryRunReport.ValueChange(attribute, a, b));
            }
        }
        return changes;
    }

    private static DryRunReport.Band band(MatchSettings settings) {
        return new DryRunReport.Band(
                settings.thresholds().same(), settings.thresholds().possible());
    }

    private static RecordPair pairOf(UUID a, UUID b) {
        long x = a.getMostSignificantBits() ^ a.getLeastSignificantBits();
        long y = b.getMostSignificantBits() ^ b.getLeastSignificantBits();
        return RecordPair.of(x, y);
    }

    private void readGoldens(
            List<UUID> ids, Map<UUID, Map<String, Object>> values, Map<UUID, Map<String, OverrideValue>> overrides) {
        jdbc.sql(
                        """
                        select id, attributes::text, overrides::text from golden_record
                         where id = any(cast(:ids as uuid[]))
                        """)
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    values.put(id, json.readValue(rs.getString(2), MAP));
                    Map<String, OverrideValue> own = json.readValue(rs.getString(3), OVERRIDES);
                    if (!own.isEmpty()) {
                        overrides.put(id, own);
                    }
                });
    }
}
