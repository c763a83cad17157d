package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;

class ScorerTests {

    private final MatchSettings settings = EngineFixtures.settings();
    private final RecordPreparer preparer = new RecordPreparer(settings);
    private final Scorer scorer = new Scorer(preparer, EngineFixtures.weights(settings));

    private final PreparedRecord anna = preparer.prepare(EngineFixtures.record(
            1, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12", "email", "anna@example.com"));
    private final PreparedRecord annaAgain = preparer.prepare(EngineFixtures.record(
            2, "first_name", "Ana", "last_name", "Smith", "birth_date", "1980-05-13", "national_id", "123"));

    @Test
    void theContributionsAddUpExactlyToTheScore() {
        Scorer.Explanation explanation = scorer.explain(anna, annaAgain);

        double sum = 0;
        for (Scorer.Contribution contribution : explanation.contributions()) {
            sum += contribution.bits();
        }
        assertThat(sum).isEqualTo(explanation.bits());
        assertThat(explanation.bits()).isEqualTo(scorer.score(anna, annaAgain).bits());
        assertThat(explanation.probability()).isCloseTo(Math.pow(2, sum) / (1 + Math.pow(2, sum)), within(1e-12));
    }

    @Test
    void theExplanationNamesThePriorEveryLevelAndTheValues() {
        Scorer.Explanation explanation = scorer.explain(anna, annaAgain);

        assertThat(explanation.contributions())
                .extracting(Scorer.Contribution::comparison, Scorer.Contribution::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prior", "λ = 0.000100"),
                        org.assertj.core.groups.Tuple.tuple("first_name", "jaro_winkler ≥ 0.9"),
                        org.assertj.core.groups.Tuple.tuple("last_name", "exact"),
                        org.assertj.core.groups.Tuple.tuple("birth_date", "one_digit"),
                        org.assertj.core.groups.Tuple.tuple("email", "missing"),
                        org.assertj.core.groups.Tuple.tuple("national_id", "missing"));
        assertThat(explanation.contributions().get(1).valueA()).isEqualTo("anna");
        assertThat(explanation.contributions().get(1).valueB()).isEqualTo("ana");
        assertThat(explanation.contributions().get(4).bits()).isZero();
    }

    @Test
    void theBandFollowsTheThresholds() {
        PreparedRecord stranger = preparer.prepare(
                EngineFixtures.record(3, "first_name", "Bob", "last_name", "Jones", "birth_date", "1955-01-01"));

        PreparedRecord annaWithEmail = preparer.prepare(EngineFixtures.record(
                4, "first_name", "Ana", "last_name", "Smith", "birth_date", "1980-05-13", "email", "anna@example.com"));

        assertThat(scorer.score(anna, annaWithEmail).band()).isEqualTo(Band.SAME);
        assertThat(scorer.score(anna, annaAgain).band()).isEqualTo(Band.POSSIBLE);
        assertThat(scorer.score(anna, stranger).band()).isEqualTo(Band.DIFFERENT);
    }

    @Test
    void theEarlyStoppingScoreIsExactWhenThePairCanReachTheFloor() {
        StringMetrics.Scratch scratch = new StringMetrics.Scratch();
        PreparedRecord stranger = preparer.prepare(
                EngineFixtures.record(3, "first_name", "Bob", "last_name", "Jones", "birth_date", "1955-01-01"));

        assertThat(scorer.bitsAtLeast(anna, annaAgain, 0, scratch)).isEqualTo(scorer.bits(anna, annaAgain));
        assertThat(scorer.bitsAtLeast(anna, stranger, 0, scratch)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(scorer.bits(anna, stranger)).isLessThan(0);
    }

    @Test
    void agreeingOnARareValueWeighsMoreThanOnACommonOne() {
        MatchSettings person = MatchSettings.defaults("person", BuiltInTypes.PERSON);
        RecordPreparer personPreparer = new RecordPreparer(person);
        List<PreparedRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String last = i < 200 ? "Smith" : "Name" + i;
            records.add(personPreparer.prepare(EngineFixtures.record(
                    i,
                    "first_name",
                    "First" + (i % 50),
                    "last_name",
                    last,
                    "birth_date",
                    "19" + (10 + i % 80) + "-01-01")));
        }
        records.add(personPreparer.prepare(EngineFixtures.record(1000, "first_name", "Jo", "last_name", "Xiong")));
        records.add(personPreparer.prepare(EngineFixtures.record(1001, "first_name", "Al", "last_name", "Xiong")));
        Scorer personScorer = new Scorer(
                personPreparer, WeightEstimator.estimate(personPreparer, records, WeightEstimator.Options.defaults()));

        double smith = contribution(personScorer.explain(records.get(0), records.get(1)), "last_name");
        double xiong = contribution(personScorer.explain(records.get(400), records.get(401)), "last_name");

        assertThat(xiong).isGreaterThan(smith + 3);
    }

    @Test
    void weightsOfOtherSettingsAreRefused() {
        MatchWeights personWeights = EngineFixtures.weights(settings);
        RecordPreparer other = new RecordPreparer(MatchSettings.defaults("person", BuiltInTypes.PERSON));

        assertThatThrownBy(() -> new Scorer(other, personWeights)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsPreparedForOtherSettingsAreRefused() {
        RecordPreparer other = new RecordPreparer(MatchSettings.defaults("person", BuiltInTypes.PERSON));
        PreparedRecord foreign = other.prepare(MatchRecord.of(9, 1, Map.of("first_name", "Anna")));

        assertThatThrownBy(() -> scorer.score(anna, foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double contribution(Scorer.Explanation explanation, String comparison) {
        return explanation.contributions().stream()
                .filter(c -> c.comparison().equals(comparison))
                .findFirst()
                .orElseThrow()
                .bits();
    }
}
