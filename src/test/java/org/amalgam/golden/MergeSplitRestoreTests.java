package org.amalgam.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.amalgam.ingest.RecordPushes;
import org.amalgam.sources.SourceSystemDefinition;
import org.amalgam.sources.SourceSystems;
import org.amalgam.testing.StandaloneApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The exact-restore property, against the real database: for random source records (from sources of equal and
 * different trust, some sharing an e-mail and phone so that the matcher puts them in one golden record from the
 * start), random steward overrides and a random sequence of merges (merges of merges included), splitting the merges
 * apart again in reverse order gives every golden record back exactly as it was before each merge: the same ids,
 * status, values, lineage (with overrides) and crosswalk. Merged-away ids lead to their survivor meanwhile, and the
 * older id always survives.
 *
 * <p>Randomized over a fixed list of seeds: each seed makes one scenario with {@link Random}, so a failure names the
 * seed (in the test's display name and in the error) and the scenario, and running that seed again replays it. Each
 * scenario's sources, e-mails and phones are its own, and its records are deleted once it passed, so that the matcher
 * cannot put a later scenario's records into an earlier one's golden records.
 */
class MergeSplitRestoreTests {

    private static final List<String> FIRST_NAMES = List.of("Ann", "Anna", "Annie", "Bob");
    private static final List<String> LAST_NAMES = List.of("Lee", "Li", "Leigh");
    private static final List<String> CITIES = List.of("Berlin", "Hamburg", "Lyon");
    private static final List<String> ATTRIBUTES = List.of("first_name", "last_name", "city", "national_id");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static final int RESTORE_SEEDS = 40;
    private static final int SESSION_SEEDS = 25;

    /** How many restore scenarios ran, and in how many the matcher put some records together from the start. */
    private static final AtomicInteger restoreScenarios = new AtomicInteger();

    private static final AtomicInteger startedTogether = new AtomicInteger();

    private static ConfigurableApplicationContext context;
    private static GoldenRecords golden;
    private static RecordPushes pushes;
    private static SourceSystems sources;

    @BeforeAll
    static void startApplication() {
        context = StandaloneApplication.start();
        golden = context.getBean(GoldenRecords.class);
        pushes = context.getBean(RecordPushes.class);
        sources = context.getBean(SourceSystems.class);
    }

    @AfterAll
    static void stopApplication() {
        try {
            if (restoreScenarios.get() == RESTORE_SEEDS) {
                assertThat(startedTogether.get())
                        .as(
                                "restore scenarios whose records the matcher partly put together from the start, of %d",
                                RESTORE_SEEDS)
                        .isGreaterThanOrEqualTo(RESTORE_SEEDS / 4);
            }
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    /** The restore scenarios, each from its own fixed seed. */
    static LongStream restoreSeeds() {
        return LongStream.rangeClosed(1, RESTORE_SEEDS).map(i -> 7_919L * i + 11);
    }

    /** The scenarios with a steward session each, each from its own fixed seed. */
    static LongStream sessionSeeds() {
        return LongStream.rangeClosed(1, SESSION_SEEDS).map(i -> 104_729L * i + 13);
    }

    /** One source record: which source, which shared e-mail (or none), and its values (null: left out). */
    record RecordSpec(int source, int email, String firstName, String lastName, String city, String nationalId) {}

    /** A steward override on the golden record of one of the records. */
    record OverrideSpec(int record, String attribute, String value) {}

    /** Which two active golden records to merge (by position, modulo how many there are), and which record to split. */
    record MergeSpec(int first, int second, int splitPick) {}

    record Scenario(List<RecordSpec> records, List<OverrideSpec> overrides, List<MergeSpec> merges) {}

    /** One step of a random steward session: merge two active records, or split a record out of one. */
    record Step(boolean merge, int first, int second, boolean undoAtOnce) {}

    /** 2 to 8 records, up to 3 overrides and 1 to 5 merges. */
    static Scenario scenario(Random random) {
        List<RecordSpec> records = list(
                random,
                2,
                8,
                () -> new RecordSpec(
                        between(random, 0, 2),
                        between(random, -2, 2),
                        pick(random, FIRST_NAMES),
                        orNull(random, 0.2, () -> pick(random, LAST_NAMES)),
                        orNull(random, 0.4, () -> pick(random, CITIES)),
                        orNull(random, 0.5, () -> digits(random, 3))));
        List<OverrideSpec> overrides = list(
                random,
                0,
                3,
                () -> new OverrideSpec(between(random, 0, 7), pick(random, ATTRIBUTES), letters(random, 1, 6)));
        List<MergeSpec> merges = list(
                random,
                1,
                5,
                () -> new MergeSpec(between(random, 0, 20), between(random, 0, 20), between(random, 0, 20)));
        return new Scenario(records, overrides, merges);
    }

    /** 1 to 8 steps. */
    static List<Step> session(Random random) {
        return list(
                random,
                1,
                8,
                () -> new Step(
                        random.nextBoolean(), between(random, 0, 30), between(random, 0, 30), random.nextBoolean()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("restoreSeeds")
    void splittingMergesApartInReverseOrderRestoresEveryGoldenRecordExactly(long seed) {
        Scenario scenario = scenario(new Random(seed));
        replaying(seed, scenario, () -> restoreExactly(scenario));
    }

    private void restoreExactly(Scenario scenario) {
        String run = newRun();
        List<String> sourceCodes = new ArrayList<>();
        int[] priorities = {10, 50, 50};
        for (int i = 0; i < 3; i++) {
            String code = "p" + i + "-" + run;
            sources.save(code, new SourceSystemDefinition("Property source " + i, "Tests", priorities[i], false));
            sourceCodes.add(code);
        }
        List<UUID> recordGolden = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
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
                body.put("phone", phone(run, spec.email()));
            }
            String source = sourceCodes.get(spec.source());
            long id = pushes.push(source, "person", "k" + i, body).sourceRecordId();
            pushed.add(source);
            recordGolden.add(golden.assignment(id).orElseThrow().goldenId());
        }
        Set<UUID> ids = new LinkedHashSet<>(recordGolden);
        restoreScenarios.incrementAndGet();
        if (ids.size() < recordGolden.size()) {
            startedTogether.incrementAndGet();
        }
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
        for (int i = 0; i < pushed.size(); i++) {
            pushes.delete(pushed.get(i), "person", "k" + i);
        }
    }

    /**
     * Random merges and splits in any order: a merge undone at once by a split gives both records back exactly; every
     * live source record is in exactly one active golden record; every merged-away id leads to an active record; a
     * split that restores nothing makes an id never seen before.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("sessionSeeds")
    void randomMergesAndSplitsKeepEveryRecordFindableAndNeverReuseAnId(long seed) {
        Random random = new Random(seed);
        Scenario scenario = scenario(random);
        List<Step> session = session(random);
        replaying(seed, List.of(scenario, session), () -> keepFindable(scenario, session));
    }

    private void keepFindable(Scenario scenario, List<Step> session) {
        String run = newRun();
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
                body.put("phone", phone(run, spec.email()));
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
        for (int i = 0; i < records.size(); i++) {
            pushes.delete(source, "person", "k" + i);
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

    /** Runs one scenario; a failure says which seed and scenario to replay. */
    private static void replaying(long seed, Object scenario, Runnable test) {
        try {
            test.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("Failed for seed " + seed + " (run it again to replay), scenario " + scenario, e);
        }
    }

    /** A word of its own for each scenario's sources, e-mails and phones. */
    private static String newRun() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    /**
     * The phone that goes with a shared e-mail: a department sends both, so the records that share them are one
     * person to the matcher. Numbers of different e-mails differ in three digits, so they are not near misses.
     */
    private static String phone(String run, int email) {
        int digit = email + 1;
        return "+4930" + digit + digit + digit + String.format("%05d", Math.floorMod(run.hashCode(), 100_000));
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T orNull(Random random, double nullProbability, Supplier<T> value) {
        return random.nextDouble() < nullProbability ? null : value.get();
    }

    private static <T> List<T> list(Random random, int minSize, int maxSize, Supplier<T> element) {
        int size = between(random, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private static String digits(Random random, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String letters(Random random, int minLength, int maxLength) {
        int length = between(random, minLength, maxLength);
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return letters.toString();
    }
}
