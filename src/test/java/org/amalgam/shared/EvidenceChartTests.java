package org.amalgam.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explanation of a possible match as rows of a diverging bar chart. */
class EvidenceChartTests {

    private static Map<String, Object> term(String comparison, String level, Object bits, String a, String b) {
        Map<String, Object> term = new HashMap<>();
        term.put("comparison", comparison);
        term.put("level", level);
        term.put("bits", bits);
        term.put("a", a);
        term.put("b", b);
        return term;
    }

    @Test
    void barsGoLeftAgainstAndRightForTheMatchScaledToTheLongest() {
        EvidenceChart chart = EvidenceChart.of(Map.of(
                "bits",
                1.5,
                "probability",
                0.74,
                "band",
                "POSSIBLE",
                "contributions",
                List.of(
                        term("prior", "λ = 1e-04", -12.0, null, null),
                        term("last_name", "exact", 9.0, "lee", "lee"),
                        term("city", "else", -3.0, "leeds", "york"),
                        term("email", "missing", 0.0, null, null),
                        term("phone", "exact", 0.1, "1", "1"))));

        assertThat(chart.bits()).isEqualTo(1.5);
        assertThat(chart.probability()).isEqualTo(0.74);
        assertThat(chart.band()).isEqualTo("POSSIBLE");
        assertThat(chart.rows())
                .extracting(EvidenceChart.Row::comparison, EvidenceChart.Row::against, EvidenceChart.Row::forMatch)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prior", 20, 0),
                        org.assertj.core.groups.Tuple.tuple("last_name", 0, 15),
                        org.assertj.core.groups.Tuple.tuple("city", 5, 0),
                        org.assertj.core.groups.Tuple.tuple("email", 0, 0),
                        // too small to see next to the prior, still drawn
                        org.assertj.core.groups.Tuple.tuple("phone", 0, 1));
        assertThat(chart.rows().get(0).prior()).isTrue();
        assertThat(chart.rows().get(2).a()).isEqualTo("leeds");
    }

    @Test
    void noExplanationNoChart() {
        assertThat(EvidenceChart.of(null)).isNull();
        assertThat(EvidenceChart.of(Map.of("score", 0.8))).isNull();
        assertThat(EvidenceChart.of(Map.of("contributions", List.of()))).isNull();
        assertThat(EvidenceChart.of("0.8")).isNull();
    }

    @Test
    void withoutATotalTheTermsAddUp() {
        EvidenceChart chart = EvidenceChart.of(Map.of(
                "contributions", List.of(term("prior", "λ", -2.0, null, null), term("a", "exact", 5, "x", "x"))));

        assertThat(chart.bits()).isEqualTo(3.0);
        assertThat(chart.probability()).isNull();
    }
}
