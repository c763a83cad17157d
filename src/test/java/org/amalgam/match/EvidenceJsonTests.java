package org.amalgam.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.amalgam.match.engine.Band;
import org.amalgam.match.engine.Scorer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The evidence a link stores as compact text is, expanded, the same document the API builds as a map. */
class EvidenceJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theTextIsTheMapsDocumentForAwkwardValues() {
        Scorer.Explanation explanation = new Scorer.Explanation(
                12.345678,
                0.9998,
                Band.SAME,
                List.of(
                        new Scorer.Contribution("prior", "λ = 0.000156", -12.6434, null, null),
                        new Scorer.Contribution(
                                "last_name", "exact (term frequency)", 11.40649, "o\"brien", "o\"brien"),
                        new Scorer.Contribution("street", "jaro_winkler ≥ 0.92", 1.0E-5, "a\\b\tc", "line\none\r"),
                        new Scorer.Contribution("city", "missing", 0.0, "\u0001ctl\u001f", "zürich 北京 😀"),
                        new Scorer.Contribution("phone", "different", -3.5, "", null)));

        String text = Matching.evidenceJson(explanation);

        Map<String, Object> expanded = Matching.storedEvidence(stored(text));
        Map<?, ?> expected = JSON.readValue(JSON.writeValueAsString(Matching.evidence(explanation)), Map.class);
        assertThat(expanded).isEqualTo(expected);
        assertThat(List.copyOf(expanded.keySet())).containsExactly("bits", "probability", "band", "contributions");
        assertThat(text).doesNotContain("\t").doesNotContain("\n").doesNotContain("\r");
        assertThat(text.length())
                .as("the stored form is shorter than the API's")
                .isLessThan(
                        JSON.writeValueAsString(Matching.evidence(explanation)).length() * 3 / 4);
    }

    @Test
    void evidenceStoredBeforeTheCompactFormIsAnsweredAsItIs() {
        Map<String, Object> old = stored(
                """
                {"bits": 2.5, "probability": 0.85, "band": "SAME", "contributions": [{"a": "ann", "b": "ann",
                 "bits": 2.5, "level": "exact", "comparison": "first_name"}]}
                """);

        assertThat(Matching.storedEvidence(old)).isSameAs(old);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(String text) {
        return JSON.readValue(text, Map.class);
    }

    @Test
    void numbersJsonCannotHoldAreWrittenAsNull() {
        Scorer.Explanation explanation = new Scorer.Explanation(
                Double.NEGATIVE_INFINITY,
                Double.NaN,
                Band.DIFFERENT,
                List.of(new Scorer.Contribution("prior", "λ = 1e-06", Double.NEGATIVE_INFINITY, null, null)));

        Map<?, ?> parsed = Matching.storedEvidence(stored(Matching.evidenceJson(explanation)));

        assertThat(parsed.get("bits")).isNull();
        assertThat(parsed.get("probability")).isNull();
        assertThat(parsed.get("band")).isEqualTo("DIFFERENT");
        Map<?, ?> prior = (Map<?, ?>) ((List<?>) parsed.get("contributions")).get(0);
        assertThat(prior.get("comparison")).isEqualTo("prior");
        assertThat(prior.containsKey("bits")).isTrue();
        assertThat(prior.get("bits")).isNull();
    }
}
