package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BulkClustererTests {

    private final MatchSettings settings = EngineFixtures.settings();
    private final RecordPreparer preparer = new RecordPreparer(settings);
    private final Scorer scorer = new Scorer(preparer, EngineFixtures.weights(settings));
    private final BulkClusterer clusterer =
            new BulkClusterer(scorer, BulkClusterer.Options.defaults().withThreads(2));

    @Test
    void aChainWhoseEndsClearlyDifferDoesNotBecomeOneCluster() {
        // A and B: same name and birth date; B and C: same e-mail and national id; A and C: nothing in common
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer,
                EngineFixtures.record(
                        1,
                        "first_name",
                        "Anna",
                        "last_name",
                        "Smith",
                        "birth_date",
                        "1980-05-12",
                        "email",
                        "anna@a.com",
                        "national_id",
                        "111"),
                EngineFixtures.record(
                        2,
                        "first_name",
                        "Anna",
                        "last_name",
                        "Smith",
                        "birth_date",
                        "1980-05-12",
                        "email",
                        "shared@b.com",
                        "national_id",
                        "999"),
                EngineFixtures.record(
                        3,
                        "first_name",
                        "Anna",
                        "birth_date",
                        "1955-01-01",
                        "email",
                        "shared@b.com",
                        "national_id",
                        "999"));
        assertThat(scorer.score(records.get(0), records.get(1)).band()).isEqualTo(Band.SAME);
        assertThat(scorer.score(records.get(1), records.get(2)).band()).isEqualTo(Band.SAME);

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.none());

        assertThat(clusterOf(result, 1)).doesNotContain(3L);
        assertThat(result.possibleLinks())
                .anySatisfy(link -> assertThat(link.reason()).isEqualTo(LinkReason.WEAK_GROUP));
    }

    @Test
    void recordsAStewardPutTogetherStayTogetherAndOthersJoinThemOnlyAsAGroup() {
        // 1 and 2 share name and birth date; 3 has nothing in common with them but a steward said it is 1
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer,
                EngineFixtures.record(
                        1, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12", "email", "a@a.com"),
                EngineFixtures.record(
                        2, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12", "email", "a@a.com"),
                EngineFixtures.record(3, "first_name", "Bob", "last_name", "Jones", "birth_date", "1961-01-01"));
        assertThat(scorer.score(records.get(0), records.get(2)).band()).isEqualTo(Band.DIFFERENT);

        BulkResult apart = clusterer.cluster(records, Map.of(), Constraints.none());
        BulkResult together = clusterer.cluster(records, Map.of(), Constraints.none(), List.of(new long[] {1, 3, 99}));

        assertThat(clusterOf(apart, 1)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(clusterOf(together, 1))
                .as("the group starts together (the unknown id is ignored)")
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(clusterOf(together, 2))
                .as("2 matches 1 but not the group with 3: the clustering rule still holds")
                .containsExactly(2L);
        assertThat(together.possibleLinks()).anySatisfy(link -> assertThat(List.of(link.recordA(), link.recordB()))
                .containsExactly(1L, 2L));
        assertThat(together.clusters().stream().allMatch(c -> c.continues() == null))
                .as("a group is no existing golden record")
                .isTrue();
    }

    @Test
    void aClearContradictionForbidsAJoin() {
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer,
                EngineFixtures.record(
                        1,
                        "first_name",
                        "Anna",
                        "last_name",
                        "Smith",
                        "birth_date",
                        "1980-05-12",
                        "email",
                        "anna@a.com",
                        "national_id",
                        "111"),
                EngineFixtures.record(
                        2,
                        "first_name",
                        "Bob",
                        "last_name",
                        "Jones",
                        "birth_date",
                        "1955-01-01",
                        "email",
                        "bob@b.com",
                        "national_id",
                        "222"));

        GroupRule.Outcome outcome = new GroupRule(scorer, Constraints.none())
                .evaluate(List.of(records.get(0)), List.of(records.get(1)), new StringMetrics.Scratch());

        assertThat(outcome.blockedBy()).isEqualTo(LinkReason.CONTRADICTION);
    }

    @Test
    void duplicatesBecomeOneClusterWithTheirSameLinks() {
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer,
                anna(1, 1, false),
                anna(2, 1, false),
                EngineFixtures.record(3, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12"),
                EngineFixtures.record(4, "first_name", "Bob", "last_name", "Jones", "birth_date", "1955-01-01"));

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.none());

        assertThat(result.clusters()).hasSize(2);
        assertThat(clusterOf(result, 1)).containsExactly(1L, 2L, 3L);
        assertThat(result.sameLinks())
                .extracting(MatchLink::recordA, MatchLink::recordB)
                .contains(org.assertj.core.groups.Tuple.tuple(1L, 2L));
        assertThat(result.statistics().records()).isEqualTo(4);
        assertThat(result.statistics().candidatePairs()).isEqualTo(3);
    }

    @Test
    void recordsAssertedDifferentAreKeptApartAndReported() {
        List<PreparedRecord> records = EngineFixtures.prepare(preparer, anna(1, 1, false), anna(2, 1, false));

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.different(List.of(RecordPair.of(2, 1))));

        assertThat(result.clusters()).hasSize(2);
        assertThat(result.possibleLinks()).singleElement().satisfies(link -> {
            assertThat(link.reason()).isEqualTo(LinkReason.ASSERTED_DIFFERENT);
            assertThat(link.band()).isEqualTo(Band.POSSIBLE);
        });
    }

    @Test
    void twoRecordsOfADeduplicatedSourceNeverShareACluster() {
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer, anna(1, 7, true), anna(2, 7, true), anna(3, 8, true), anna(4, 9, false));

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.none());

        for (ResultCluster cluster : result.clusters()) {
            long fromSeven = Arrays.stream(cluster.recordIds())
                    .filter(id -> id == 1 || id == 2)
                    .count();
            assertThat(fromSeven).isLessThanOrEqualTo(1);
        }
        assertThat(result.clusters()).hasSize(2);
        assertThat(result.possibleLinks()).extracting(MatchLink::reason).contains(LinkReason.DEDUPLICATED_SOURCE);
    }

    @Test
    void existingClustersAreContinuedAndNeverMergedWithEachOther() {
        UUID x = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID y = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        UUID z = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        List<PreparedRecord> records = EngineFixtures.prepare(
                preparer,
                anna(1, 1, false),
                anna(2, 1, false),
                anna(3, 1, false),
                EngineFixtures.record(4, "first_name", "Bob", "last_name", "Jones"),
                EngineFixtures.record(5, "first_name", "Carla", "last_name", "Diaz"));

        BulkResult result = clusterer.cluster(records, Map.of(1L, x, 2L, y, 4L, z, 5L, z), Constraints.none());

        Map<UUID, Set<Long>> continued = result.clusters().stream()
                .filter(c -> c.continues() != null)
                .collect(Collectors.toMap(
                        ResultCluster::continues,
                        c -> Arrays.stream(c.recordIds()).boxed().collect(Collectors.toSet())));
        assertThat(continued).containsOnlyKeys(x, y, z);
        assertThat(continued.get(z)).containsExactlyInAnyOrder(4L, 5L);
        assertThat(continued.get(x)).contains(1L).doesNotContain(2L);
        assertThat(continued.get(x).contains(3L) || continued.get(y).contains(3L))
                .isTrue();
        assertThat(result.possibleLinks()).extracting(MatchLink::reason).contains(LinkReason.EXISTING_CLUSTERS);
    }

    @Test
    void everyCappedBlockIsReportedWithItsKeyAndSize() {
        MatchSettings capped = settings.withBlockingKeys(settings.blockingKeys(), 3);
        RecordPreparer cappedPreparer = new RecordPreparer(capped);
        Scorer cappedScorer = new Scorer(cappedPreparer, EngineFixtures.weights(capped));
        List<PreparedRecord> records = EngineFixtures.prepare(
                cappedPreparer,
                anna(1, 1, false),
                anna(2, 1, false),
                anna(3, 1, false),
                anna(4, 1, false),
                anna(5, 1, false));

        BulkResult result = new BulkClusterer(cappedScorer, BulkClusterer.Options.defaults())
                .cluster(records, Map.of(), Constraints.none());

        assertThat(result.statistics().cappedBlocks())
                .extracting(CappedBlock::key, CappedBlock::size)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("names:AN|SM0", 5),
                        org.assertj.core.groups.Tuple.tuple("email:anna@example.com", 5));
        assertThat(result.clusters()).hasSize(1);
    }

    @Test
    void oneHugeClusterCostsAtMostASampleOfScoresPerJoin() {
        int n = 1500;
        MatchRecord[] copies = new MatchRecord[n];
        for (int i = 0; i < n; i++) {
            copies[i] = anna(i + 1, 1, false);
        }
        List<PreparedRecord> records = EngineFixtures.prepare(preparer, copies);

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.none());

        assertThat(result.clusters()).singleElement().satisfies(c -> assertThat(c.size())
                .isEqualTo(n));
        // every cross pair of every join would be about n²/2 = 1,124,250 scores; the sample keeps each join to at
        // most 64 × 64, and a record joining alone to 64
        assertThat(result.statistics().groupComparisons()).isLessThan((long) n * GroupRule.SAMPLE * 2);
    }

    @Test
    void aDeduplicatedSourceStillKeepsTwoOfItsRecordsApartInsideAHugeCluster() {
        int n = 300;
        MatchRecord[] copies = new MatchRecord[n];
        for (int i = 0; i < n; i++) {
            // source 2 is deduplicated: its two records must end in different clusters, however large they grow
            copies[i] = i == 0 || i == n - 1 ? anna(i + 1, 2, true) : anna(i + 1, 1, false);
        }
        List<PreparedRecord> records = EngineFixtures.prepare(preparer, copies);

        BulkResult result = clusterer.cluster(records, Map.of(), Constraints.none());

        assertThat(clusterOf(result, 1)).doesNotContain((long) n);
    }

    @Test
    void estimatingAndClusteringInOnePassGivesTheWeightsAndClustersOfTheTwoSteps() {
        List<PreparedRecord> records = new ArrayList<>();
        String[] first = {"Anna", "Bernd", "Clara", "Dieter", "Eva", "Frank", "Gerda", "Hans", "Ida", "Jan"};
        String[] last = {"Smith", "Meyer", "Jones", "Klein", "Wolf", "Braun", "Lang", "Roth", "Vogel", "Kuhn"};
        long id = 1;
        for (int i = 0; i < 200; i++) {
            String firstName = first[i % 10];
            String lastName = last[(i / 10) % 10] + (i / 100 == 0 ? "" : "er");
            String birth = (1950 + i % 40) + "-0" + (1 + i % 9) + "-1" + (i % 10);
            int copies = 1 + i % 3;
            for (int c = 0; c < copies; c++) {
                records.add(preparer.prepare(EngineFixtures.record(
                        id++,
                        "first_name",
                        c == 2 ? firstName.substring(0, 1) : firstName,
                        "last_name",
                        lastName,
                        "birth_date",
                        birth,
                        "email",
                        c == 1 ? null : firstName.toLowerCase() + i + "@example.com",
                        "national_id",
                        "N" + i)));
            }
        }
        WeightEstimator.Options estimateOptions =
                WeightEstimator.Options.defaults().withThreads(2);

        BulkClusterer.Estimated onePass = BulkClusterer.estimateAndCluster(
                preparer,
                records,
                estimateOptions,
                BulkClusterer.Options.defaults().withThreads(2),
                Map.of(),
                Constraints.none());
        MatchWeights weights = WeightEstimator.estimate(preparer, records, estimateOptions);
        BulkResult twoSteps = new BulkClusterer(
                        new Scorer(preparer, weights),
                        BulkClusterer.Options.defaults().withThreads(2))
                .cluster(records, Map.of(), Constraints.none());

        Map<String, Object> learnt = new java.util.HashMap<>(onePass.weights().toDocument());
        Map<String, Object> expected = new java.util.HashMap<>(weights.toDocument());
        learnt.remove("estimation"); // its times differ
        expected.remove("estimation");
        assertThat(learnt).isEqualTo(expected);
        assertThat(onePass.result().clusters())
                .extracting(c -> Arrays.stream(c.recordIds()).boxed().toList())
                .containsExactlyInAnyOrderElementsOf(twoSteps.clusters().stream()
                        .map(c -> Arrays.stream(c.recordIds()).boxed().toList())
                        .toList());
        assertThat(onePass.result().clusters()).hasSize(200);
    }

    private static MatchRecord anna(long id, long source, boolean deduplicated) {
        return EngineFixtures.record(
                id,
                source,
                deduplicated,
                "first_name",
                "Anna",
                "last_name",
                "Smith",
                "birth_date",
                "1980-05-12",
                "email",
                "anna@example.com");
    }

    static List<Long> clusterOf(BulkResult result, long recordId) {
        return result.clusters().stream()
                .filter(c -> Arrays.stream(c.recordIds()).anyMatch(id -> id == recordId))
                .findFirst()
                .map(c -> Arrays.stream(c.recordIds()).boxed().toList())
                .orElseThrow();
    }
}
