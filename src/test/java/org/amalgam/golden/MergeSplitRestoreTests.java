package org.amalgam.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.amalgam.ingest.RecordPushes;
import org.amalgam.sources.SourceSystemDefinition;
import org.amalgam.sources.SourceSystems;
import org.amalgam.testing.StandaloneApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The exact-restore property, against the real database: for random source records (from sources of equal and
 * different trust, some sharing an e-mail so that they start in one golden record), random steward overrides and a
 * random sequence of merges (merges of merges included), splitting the merges apart again in reverse order gives every
 * golden record back exactly as it was before each merge: the same ids, status, values, lineage (with overrides) and
 * crosswalk. Merged-away ids lead to their survivor meanwhile, and the older id always survives.
 */
class MergeSplitRestoreTests {

    private static final List<String> FIRST_NAMES = List.of("Ann", "Anna", "Annie", "Bob");
    private static final List<String> LAST_NAMES = List.of("Lee", "Li", "Leigh");
    private static final List<String> CITIES = List.of("Berlin", "Hamburg", "Lyon");
    private static final List<String> ATTRIBUTES = List.of("first_name", "last_name", "city", "national_id");

    private static ConfigurableApplicationContext context;
    private static GoldenRecords golden;
    private static RecordPushes pushes;
    private static SourceSystems sources;

    @BeforeContainer
    static void startApplication() {
        context = StandaloneApplication.start();
        golden = context.getBean(GoldenRecords.class);
        pushes = context.getBean(RecordPushes.class);
        sources = context.getBean(SourceSystems.class);
    }

    @AfterContainer
    static void stopApplication() {
        if (context != null) {
            context.close();
        }
    }

    /** One source record: which source, which shared e-mail (or none), and its values (null: left out). */
    record RecordSpec(int source, int email, String firstName, String lastName, String city, String nationalId) {}

    /** A steward override on the golden record of one of the records. */
    record OverrideSpec(int record, String attribute, String value) {}

    /** Which two active golden records to merge (by position, modulo how many there are), and which record to split. */
    record MergeSpec(int first, int second, int splitPick) {}

    record Scenario(List<RecordSpec> records, List<OverrideSpec> overrides, List<MergeSpec> merges) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<RecordSpec> record = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(-2, 2),
                        Arbitraries.of(FIRST_NAMES),
                        Arbitraries.of(LAST_NAMES).injectNull(0.2),
                        Arbitraries.of(CITIES).injectNull(0.4),
                        Arbitraries.strings().numeric().ofLength(3).injectNull(0.5))
                .as(RecordSpec::new);
        Arbitrary<OverrideSpec> override = Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.of(ATTRIBUTES),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6))
                .as(OverrideSpec::new);
        Arbitrary<MergeSpec> merge = Combinators.combine(
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 20))
                .as(MergeSpec::new);
        return Combinators.combine(
                        record.list().ofMinSize(2).ofMaxSize(8),
                        override.list().ofMaxSize(3),
                        merge.list().ofMinSize(1).ofMaxSize(5))
                .as(Scenario::new);
    }

    @Property(tries = 40)
    void splittingMergesApartInReverseOrderRestoresEveryGoldenRecordExactly(@ForAll("scenarios") Scenario scenario) {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        List<String> sourceCodes = new ArrayList<>();
        int[] priorities = {10, 50, 50};
        for (int i = 0; i < 3; i++) {
            String code = "p" + i + "-" + run;
            sources.save(code, new SourceSystemDefinition("Property source " + i, "Tests", priorities[i], false));
            sourceCodes.add(code);
        }
        List<UUID> recordGolden = new ArrayList<>();
        for (int i = 0; i < scenario.records().size(); i++) {
            RecordSpec spec = scenario.records().get(i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("first_name", spec.firstName());
            if (spec.lastName() != null) {
                body.put("last_name", spec.lastName());
            }
            if (spec.city() != null) {
                body.put("city", spec.city());
            }
            if (spec.nationalId() != null) {
                body.put("national_id", spec.nationalId());
            }
            if (spec.email() >= 0) {
                body.put("email", "shared" + spec.email() + "." + run + "@example.com");
            }
            long id = pushes.push(sourceCodes.get(spec.source()), "person", "k" + i, body)
                    .sourceRecordId();
            recordGolden.add(golden.assignment(id).orElseThrow().goldenId());
        }
        Set<UUID> ids = new LinkedHashSet<>(recordGolden);
        for (OverrideSpec override : scenario.overrides()) {
            UUID target = recordGolden.get(override.record() % recordGolden.size());
            golden.override("person", target, override.attribute(), override.value(), "property", "random override");
        }

        Deque<Merge> done = new ArrayDeque<>();
        for (MergeSpec spec : scenario.merges()) {
            List<UUID> active = ids.stream()
                    .filter(id -> golden.get("person", id).status().equals("ACTIVE"))
                    .toList();
            if (active.size() < 2) {
                break;
            }
            UUID a = active.get(spec.first() % active.size());
            UUID b = active.get((spec.first() + 1 + spec.second() % (active.size() - 1)) % active.size());
            Map<UUID, Object> before = snapshot(ids);
            MergeOutcome outcome = golden.merge("person", a, b, "property", "random merge");

            GoldenRecordView survivor = golden.get("person", outcome.survivorId());
            GoldenRecordView absorbed = golden.get("person", outcome.absorbedId());
            assertThat(survivor.createdAt()).as("the older id survives").isBeforeOrEqualTo(absorbed.createdAt());
            assertThat(golden.survivorOf("person", outcome.absorbedId())).contains(outcome.survivorId());
            assertThat(absorbed.status()).isEqualTo("MERGED");
            done.push(new Merge(outcome, before, spec.splitPick()));
        }

        while (!done.isEmpty()) {
            Merge merge = done.pop();
            List<CrosswalkEntryView> cameIn = golden
                    .get("person", merge.outcome().survivorId())
                    .crosswalk()
                    .stream()
                    .filter(x -> merge.outcome().absorbedId().equals(x.mergedFrom()))
                    .toList();
            assertThat(cameIn).as("the records the merge brought in").isNotEmpty();
            CrosswalkEntryView pick = cameIn.get(merge.splitPick() % cameIn.size());

            SplitOutcome split = golden.split(
                    "person", merge.outcome().survivorId(), pick.source(), pick.sourceKey(), "property", "undo");

            assertThat(split.restored()).isTrue();
            assertThat(split.toId()).isEqualTo(merge.outcome().absorbedId());
            assertThat(snapshot(ids))
                    .as("every golden record as before the merge")
                    .isEqualTo(merge.before());
        }
    }

    /** One step of a random steward session: merge two active records, or split a record out of one. */
    record Step(boolean merge, int first, int second, boolean undoAtOnce) {}

    @Provide
    Arbitrary<List<Step>> sessions() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.of(true, false))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    /**
     * Random merges and splits in any order: a merge undone at once by a split gives both records back exactly; every
     * live source record is in exactly one active golden record; every merged-away id leads to an active record; a
     * split that restores nothing makes an id never seen before.
     */
    @Property(tries = 25)
    void randomMergesAndSplitsKeepEveryRecordFindableAndNeverReuseAnId(
            @ForAll("scenarios") Scenario scenario, @ForAll("sessions") List<Step> session) {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String source = "q-" + run;
        sources.save(source, new SourceSystemDefinition("Property source", "Tests", 10, false));
        List<Long> records = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        for (int i = 0; i < scenario.records().size(); i++) {
            RecordSpec spec = scenario.records().get(i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("first_name", spec.firstName());
            if (spec.email() >= 0) {
                body.put("email", "s" + spec.email() + "." + run + "@example.com");
            }
            long id = pushes.push(source, "person", "k" + i, body).sourceRecordId();
            records.add(id);
            seen.add(golden.assignment(id).orElseThrow().goldenId());
        }
        for (Step step : session) {
            List<UUID> active = seen.stream()
                    .filter(id -> golden.get("person", id).status().equals("ACTIVE"))
                    .toList();
            if (step.merge() && active.size() >= 2) {
                UUID a = active.get(step.first() % active.size());
                UUID b = active.get((step.first() + 1 + step.second() % (active.size() - 1)) % active.size());
                Map<UUID, Object> before = snapshot(seen);
                MergeOutcome outcome = golden.merge("person", a, b, "property", "random merge");
                if (step.undoAtOnce()) {
                    CrosswalkEntryView back = golden.get("person", outcome.survivorId()).crosswalk().stream()
                            .filter(x -> outcome.absorbedId().equals(x.mergedFrom()))
                            .findFirst()
                            .orElseThrow();
                    golden.split("person", outcome.survivorId(), back.source(), back.sourceKey(), "property", "undo");
                    assertThat(snapshot(seen)).as("a merge undone at once").isEqualTo(before);
                }
            } else if (!step.merge()) {
                List<UUID> splittable = active.stream()
                        .filter(id -> golden.get("person", id).crosswalk().size() > 1)
                        .toList();
                if (splittable.isEmpty()) {
                    continue;
                }
                UUID from = splittable.get(step.first() % splittable.size());
                List<CrosswalkEntryView> members = golden.get("person", from).crosswalk();
                CrosswalkEntryView out = members.get(step.second() % members.size());
                SplitOutcome split = golden.split("person", from, out.source(), out.sourceKey(), "property", "split");
                assertThat(seen.contains(split.toId()))
                        .as("a split restores an id it had, or makes a new one")
                        .isEqualTo(split.restored());
                seen.add(split.toId());
            }
            for (long record : records) {
                GoldenAssignment assignment = golden.assignment(record).orElseThrow();
                assertThat(assignment.goldenStatus())
                        .as("source record %s", record)
                        .isEqualTo("ACTIVE");
            }
            for (UUID id : seen) {
                if (golden.get("person", id).status().equals("MERGED")) {
                    UUID survivor = golden.survivorOf("person", id).orElseThrow();
                    assertThat(golden.get("person", survivor).status()).isEqualTo("ACTIVE");
                }
            }
        }
    }

    private record Merge(MergeOutcome outcome, Map<UUID, Object> before, int splitPick) {}

    /** What must come back exactly: everything of each record but its version counter and last change time. */
    private static Map<UUID, Object> snapshot(Set<UUID> ids) {
        Map<UUID, Object> snapshot = new LinkedHashMap<>();
        for (UUID id : ids) {
            GoldenRecordView record = golden.get("person", id);
            snapshot.put(
                    id,
                    List.of(
                            record.status(),
                            String.valueOf(record.mergedInto()),
                            record.values(),
                            record.lineage(),
                            record.crosswalk(),
                            record.createdAt()));
        }
        return snapshot;
    }
}
