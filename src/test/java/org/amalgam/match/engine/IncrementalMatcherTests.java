package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncrementalMatcherTests {

    private static final UUID X = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID Y = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private final MatchSettings settings = EngineFixtures.settings();
    private final RecordPreparer preparer = new RecordPreparer(settings);
    private final Scorer scorer = new Scorer(preparer, EngineFixtures.weights(settings));
    private final IncrementalMatcher matcher = new IncrementalMatcher(scorer);

    @Test
    void aRecordThatMatchesOneClusterJoinsIt() {
        Map<UUID, List<PreparedRecord>> candidates = Map.of(
                X, List.of(prepare(anna(1, 1, false)), prepare(anna(2, 1, false))),
                Y, List.of(prepare(EngineFixtures.record(3, "first_name", "Anna", "last_name", "Jones"))));

        IncrementalMatcher.Decision decision =
                matcher.decide(prepare(anna(10, 1, false)), candidates, Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.JOIN);
        assertThat(decision.cluster()).isEqualTo(X);
        assertThat(decision.best().evidence().band()).isEqualTo(Band.SAME);
        assertThat(decision.candidates())
                .extracting(IncrementalMatcher.Candidate::cluster)
                .containsExactly(X, Y);
    }

    @Test
    void aRecordThatMatchesNoClusterIsNew() {
        Map<UUID, List<PreparedRecord>> candidates = Map.of(X, List.of(prepare(anna(1, 1, false))));

        IncrementalMatcher.Decision decision = matcher.decide(
                prepare(EngineFixtures.record(
                        10, "first_name", "Bob", "last_name", "Jones", "birth_date", "1955-01-01")),
                candidates,
                Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.NEW);
        assertThat(decision.cluster()).isNull();
    }

    @Test
    void aRecordThatMatchesTwoClustersGoesToReview() {
        Map<UUID, List<PreparedRecord>> candidates =
                Map.of(X, List.of(prepare(anna(1, 1, false))), Y, List.of(prepare(anna(2, 1, false))));

        IncrementalMatcher.Decision decision =
                matcher.decide(prepare(anna(10, 1, false)), candidates, Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.REVIEW);
        assertThat(decision.candidates())
                .extracting(IncrementalMatcher.Candidate::band)
                .containsOnly(Band.SAME);
    }

    @Test
    void aRecordThatOnlyPossiblyMatchesGoesToReview() {
        Map<UUID, List<PreparedRecord>> candidates = Map.of(X, List.of(prepare(anna(1, 1, false))));

        IncrementalMatcher.Decision decision = matcher.decide(
                prepare(EngineFixtures.record(
                        10, "first_name", "Ana", "last_name", "Smith", "birth_date", "1980-05-13", "national_id", "1")),
                candidates,
                Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.REVIEW);
        assertThat(decision.best().band()).isEqualTo(Band.POSSIBLE);
        assertThat(decision.best().blockedBy()).isEqualTo(LinkReason.BELOW_SAME);
    }

    @Test
    void aRecordAssertedDifferentFromAMemberDoesNotJoin() {
        Map<UUID, List<PreparedRecord>> candidates =
                Map.of(X, List.of(prepare(anna(1, 1, false)), prepare(anna(2, 1, false))));

        IncrementalMatcher.Decision decision = matcher.decide(
                prepare(anna(10, 1, false)), candidates, Constraints.different(List.of(RecordPair.of(2, 10))));

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.REVIEW);
        assertThat(decision.best().blockedBy()).isEqualTo(LinkReason.ASSERTED_DIFFERENT);
    }

    @Test
    void aRecordOfADeduplicatedSourceDoesNotJoinAClusterHoldingOneOfItsRecords() {
        Map<UUID, List<PreparedRecord>> candidates = Map.of(X, List.of(prepare(anna(1, 7, true))));

        IncrementalMatcher.Decision decision =
                matcher.decide(prepare(anna(10, 7, true)), candidates, Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.REVIEW);
        assertThat(decision.best().blockedBy()).isEqualTo(LinkReason.DEDUPLICATED_SOURCE);
    }

    @Test
    void theRecordsPreviousVersionInACandidateClusterIsLeftOut() {
        Map<UUID, List<PreparedRecord>> candidates = Map.of(X, List.of(prepare(anna(10, 7, true))));

        IncrementalMatcher.Decision decision =
                matcher.decide(prepare(anna(10, 7, true)), candidates, Constraints.none());

        assertThat(decision.outcome()).isEqualTo(IncrementalMatcher.Outcome.NEW);
    }

    @Test
    void bulkAndIncrementalAgreeOnSmallData() {
        List<PreparedRecord> records = smallData(new Random(5));
        BulkResult bulk = new BulkClusterer(scorer, BulkClusterer.Options.defaults())
                .cluster(records, Map.of(), Constraints.none());
        Map<Long, UUID> clusterOf = new HashMap<>();
        Map<UUID, List<PreparedRecord>> members = new LinkedHashMap<>();
        Map<Long, PreparedRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.id(), r));
        for (ResultCluster cluster : bulk.clusters()) {
            UUID id =
                    UUID.nameUUIDFromBytes(Arrays.toString(cluster.recordIds()).getBytes());
            for (long recordId : cluster.recordIds()) {
                clusterOf.put(recordId, id);
                members.computeIfAbsent(id, k -> new ArrayList<>()).add(byId.get(recordId));
            }
        }
        assertThat(bulk.clusters().stream().filter(c -> c.size() > 1).count()).isGreaterThan(20);

        for (PreparedRecord record : records) {
            // the candidate clusters the blocking-key table would give: those with a record sharing a key
            Set<String> keys = new HashSet<>(preparer.blockingKeys(record));
            Map<UUID, List<PreparedRecord>> candidates = new LinkedHashMap<>();
            members.forEach((id, list) -> {
                boolean shares = list.stream()
                        .anyMatch(m -> m.id() != record.id()
                                && preparer.blockingKeys(m).stream().anyMatch(keys::contains));
                if (shares) {
                    candidates.put(id, list);
                }
            });

            IncrementalMatcher.Decision decision = matcher.decide(record, candidates, Constraints.none());

            boolean alone = members.get(clusterOf.get(record.id())).size() == 1;
            if (alone) {
                assertThat(decision.outcome())
                        .as("record %d", record.id())
                        .isNotEqualTo(IncrementalMatcher.Outcome.JOIN);
            } else {
                assertThat(decision.outcome()).as("record %d", record.id()).isEqualTo(IncrementalMatcher.Outcome.JOIN);
                assertThat(decision.cluster()).isEqualTo(clusterOf.get(record.id()));
            }
        }
    }

    /** 60 people, most with one to three records that differ in a letter or a missing value. */
    private List<PreparedRecord> smallData(Random random) {
        String[] first = {"Anna", "Bernd", "Clara", "Dieter", "Emma", "Frank", "Greta", "Hans", "Ida", "Jonas"};
        String[] last = {"Schulz", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"};
        List<PreparedRecord> records = new ArrayList<>();
        for (int person = 0; person < 60; person++) {
            String firstName = first[person % first.length];
            String lastName = last[person / first.length];
            String birth = (1950 + person) + "-0" + (1 + person % 9) + "-1" + (person % 10);
            String email = firstName.toLowerCase() + "." + lastName.toLowerCase() + "@example.com";
            int copies = 1 + random.nextInt(3);
            for (int copy = 0; copy < copies; copy++) {
                String name = copy == 2 ? firstName.substring(0, firstName.length() - 1) + "e" : firstName;
                records.add(prepare(EngineFixtures.record(
                        records.size() + 1,
                        "first_name",
                        name,
                        "last_name",
                        lastName,
                        "birth_date",
                        birth,
                        "email",
                        copy == 1 ? "" : email)));
            }
        }
        return records;
    }

    private PreparedRecord prepare(MatchRecord record) {
        return preparer.prepare(record);
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
}
