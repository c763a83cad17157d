package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;

/** The sanity check of learnt weights: nested levels keep their order, exact never counts against, else never for. */
class WeightOrderTests {

    private static ComparisonDefinition comparison(List<Object> levels) {
        MatchSettings settings = MatchSettings.parse(
                        Map.of(
                                "blocking",
                                Map.of("keys", List.of(Map.of("name", "n", "parts", List.of("exact(name)")))),
                                "comparisons",
                                List.of(Map.of("attribute", "name", "swappedWith", "other", "levels", levels))),
                        List.of(BuiltInTypes.attribute("name", "name"), BuiltInTypes.attribute("other", "name")))
                .orElseThrow();
        return settings.comparisons().get(0);
    }

    private static double bits(double[] m, double[] u, int level) {
        return Math.log(m[level] / u[level]) / Math.log(2);
    }

    @Test
    void aLooserLevelThatWeighsMoreThanTheStricterOneIsPooledWithIt() {
        // missing, exact, jaro_winkler 0.92, jaro_winkler 0.8, else
        ComparisonDefinition name =
                comparison(List.of("exact", Map.of("jaro_winkler", 0.92), Map.of("jaro_winkler", 0.8)));
        double[] m = {1, 0.80, 0.04, 0.10, 0.06};
        double[] u = {1, 0.01, 0.02, 0.02, 0.95};
        List<String> adjusted = new ArrayList<>();

        WeightEstimator.adjust(name, m, u, adjusted);

        assertThat(bits(m, u, 2)).isCloseTo(bits(m, u, 3), within(1e-9));
        assertThat(bits(m, u, 2)).isCloseTo(Math.log(0.14 / 0.04) / Math.log(2), within(1e-9));
        assertThat(bits(m, u, 1)).isGreaterThan(bits(m, u, 2));
        assertThat(m[1] + m[2] + m[3] + m[4]).isCloseTo(1, within(1e-9));
        assertThat(adjusted).singleElement().asString().contains("jaro_winkler ≥ 0.8", "jaro_winkler ≥ 0.92");
    }

    @Test
    void aSimilarityThatExactImpliesCannotWeighMoreThanExact() {
        ComparisonDefinition name = comparison(List.of("exact", Map.of("jaro_winkler", 0.9)));
        double[] m = {1, 0.30, 0.60, 0.10};
        double[] u = {1, 0.01, 0.005, 0.985};
        List<String> adjusted = new ArrayList<>();

        WeightEstimator.adjust(name, m, u, adjusted);

        assertThat(bits(m, u, 1)).isCloseTo(bits(m, u, 2), within(1e-9));
        assertThat(adjusted).hasSize(1);
    }

    @Test
    void swappedNamesMayWeighMoreThanEqualOnes() {
        // strangers almost never have swapped names: a level of another kind keeps what EM learnt
        ComparisonDefinition name = comparison(List.of("exact", "swapped"));
        double[] m = {1, 0.85, 0.05, 0.10};
        double[] u = {1, 0.01, 0.0001, 0.9899};
        double[] learnt = m.clone();
        List<String> adjusted = new ArrayList<>();

        WeightEstimator.adjust(name, m, u, adjusted);

        assertThat(m).containsExactly(learnt);
        assertThat(adjusted).isEmpty();
    }

    @Test
    void exactThatCountsAgainstAMatchIsSetToZeroBitsAndElseThatCountsForOneToo() {
        ComparisonDefinition name = comparison(List.of("exact"));
        // EM on odd data: agreeing is rarer among matches than among strangers
        double[] m = {1, 0.3, 0.7};
        double[] u = {1, 0.4, 0.6};
        List<String> adjusted = new ArrayList<>();

        WeightEstimator.adjust(name, m, u, adjusted);

        // exact and else are nested (else is the loosest level), so they are pooled: the comparison says nothing
        assertThat(bits(m, u, 1)).isCloseTo(0, within(1e-9));
        assertThat(bits(m, u, 2)).isCloseTo(0, within(1e-9));
        assertThat(m[1] + m[2]).isCloseTo(1, within(1e-9));
        assertThat(adjusted).isNotEmpty();
    }

    @Test
    void weightsInOrderAreLeftAsLearnt() {
        ComparisonDefinition name =
                comparison(List.of("exact", Map.of("jaro_winkler", 0.92), Map.of("jaro_winkler", 0.8)));
        double[] m = {1, 0.80, 0.10, 0.05, 0.05};
        double[] u = {1, 0.01, 0.01, 0.03, 0.95};
        double[] learnt = m.clone();
        List<String> adjusted = new ArrayList<>();

        WeightEstimator.adjust(name, m, u, adjusted);

        assertThat(m).containsExactly(learnt);
        assertThat(adjusted).isEmpty();
    }
}
