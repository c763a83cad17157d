package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;

class WeightEstimatorTests {

    /** How often each attribute is mistyped in a duplicate, and how many values it has. */
    private static final double[] ERROR = {0.1, 0.2, 0.05};

    private static final int[] VALUES = {50, 200, 20};
    private static final String[] NAMES = {"a", "b", "c"};

    private final MatchSettings settings = MatchSettings.parse(
                    Map.of(
                            "blocking",
                                    Map.of("keys", List.of(Map.of("name", "zone", "parts", List.of("exact(zone)")))),
                            "comparisons",
                                    List.of(
                                            Map.of("attribute", "a", "levels", List.of("exact")),
                                            Map.of("attribute", "b", "levels", List.of("exact")),
                                            Map.of("attribute", "c", "levels", List.of("exact")))),
                    List.of(
                            BuiltInTypes.attribute("zone", "identifier"),
                            BuiltInTypes.attribute("a", "identifier"),
                            BuiltInTypes.attribute("b", "identifier"),
                            BuiltInTypes.attribute("c", "identifier")))
            .orElseThrow();
    private final RecordPreparer preparer = new RecordPreparer(settings);

    @Test
    void emRecoversKnownMAndUWithoutLabels() {
        Synthetic data = synthetic(4000, 0.4, 7);

        MatchWeights weights = WeightEstimator.estimate(preparer, data.records, WeightEstimator.Options.defaults());

        for (int c = 0; c < 3; c++) {
            double m = 1 - ERROR[c] + ERROR[c] / VALUES[c];
            double u = 1.0 / VALUES[c];
            assertThat(weights.m(c, 1)).as("m of %s", NAMES[c]).isCloseTo(m, within(0.03));
            assertThat(weights.u(c, 1)).as("u of %s", NAMES[c]).isCloseTo(u, within(u * 0.2));
        }
        double truePrior = data.matchingPairs / (data.records.size() * (data.records.size() - 1) / 2.0);
        assertThat(weights.prior()).isCloseTo(truePrior, within(truePrior * 0.25));
    }

    @Test
    void theSameSeedGivesTheSameWeightsWhateverTheThreads() {
        Synthetic data = synthetic(2000, 0.3, 11);

        MatchWeights one = WeightEstimator.estimate(
                preparer, data.records, WeightEstimator.Options.defaults().withThreads(1));
        MatchWeights two = WeightEstimator.estimate(
                preparer, data.records, WeightEstimator.Options.defaults().withThreads(3));

        assertThat(withoutTimes(two.toDocument())).isEqualTo(withoutTimes(one.toDocument()));
    }

    @Test
    void termFrequenciesAreTheSharesOfTheValues() {
        MatchSettings names = MatchSettings.defaults("person", BuiltInTypes.PERSON);
        RecordPreparer namePreparer = new RecordPreparer(names);
        List<PreparedRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String last = i < 150 ? "Smith" : "Xiong" + (i % 10 == 0 ? "" : i);
            records.add(namePreparer.prepare(EngineFixtures.record(i, "first_name", "Anna" + i, "last_name", last)));
        }

        MatchWeights weights = WeightEstimator.estimate(namePreparer, records, WeightEstimator.Options.defaults());

        assertThat(weights.termFrequencies("last_name")).containsEntry("smith", 0.75);
        assertThat(weights.termFrequencies("last_name").get("xiong")).isCloseTo(0.025, within(1e-9));
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        Map<String, Object> estimation =
                new java.util.LinkedHashMap<>((Map<String, Object>) document.get("estimation"));
        estimation.remove("seconds");
        Map<String, Object> copy = new java.util.LinkedHashMap<>(document);
        copy.put("estimation", estimation);
        return copy;
    }

    private record Synthetic(List<PreparedRecord> records, long matchingPairs) {}

    /** Entities in 300 zones, a share of them with one duplicate whose values are mistyped at the known rates. */
    private Synthetic synthetic(int entities, double duplicated, long seed) {
        Random random = new Random(seed);
        List<PreparedRecord> records = new ArrayList<>();
        long pairs = 0;
        for (int e = 0; e < entities; e++) {
            String zone = "z" + random.nextInt(300);
            String[] values = new String[3];
            for (int c = 0; c < 3; c++) {
                values[c] = NAMES[c] + random.nextInt(VALUES[c]);
            }
            records.add(preparer.prepare(record(records.size(), zone, values)));
            if (random.nextDouble() < duplicated) {
                String[] copy = values.clone();
                for (int c = 0; c < 3; c++) {
                    if (random.nextDouble() < ERROR[c]) {
                        copy[c] = NAMES[c] + random.nextInt(VALUES[c]);
                    }
                }
                records.add(preparer.prepare(record(records.size(), zone, copy)));
                pairs++;
            }
        }
        return new Synthetic(records, pairs);
    }

    private static MatchRecord record(long id, String zone, String[] values) {
        return MatchRecord.of(id, 1, Map.of("zone", zone, "a", values[0], "b", values[1], "c", values[2]));
    }
}
