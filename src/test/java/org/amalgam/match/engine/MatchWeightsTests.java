package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MatchWeightsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void weightsRoundTripThroughJsonAndScoreAlike() {
        MatchSettings settings = MatchSettings.defaults("person", BuiltInTypes.PERSON);
        RecordPreparer preparer = new RecordPreparer(settings);
        List<PreparedRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(preparer.prepare(EngineFixtures.record(
                    i,
                    "first_name",
                    "Anna" + (i % 40),
                    "last_name",
                    i % 3 == 0 ? "Smith" : "Jones" + (i / 2),
                    "birth_date",
                    "19" + (20 + i % 70) + "-0" + (1 + i % 9) + "-1" + (i % 10),
                    "email",
                    "a" + (i / 2) + "@example.com")));
        }
        MatchWeights weights = WeightEstimator.estimate(preparer, records, WeightEstimator.Options.defaults());

        String json = JSON.writeValueAsString(weights.toDocument());
        @SuppressWarnings("unchecked")
        MatchWeights read = MatchWeights.fromDocument(JSON.readValue(json, Map.class), settings);

        assertThat(read.table()).isEqualTo(weights.table());
        assertThat(read.prior()).isEqualTo(weights.prior());
        assertThat(read.termFrequencies("last_name")).isEqualTo(weights.termFrequencies("last_name"));
        Scorer original = new Scorer(preparer, weights);
        Scorer restored = new Scorer(preparer, read);
        for (int i = 1; i < records.size(); i++) {
            assertThat(restored.bits(records.get(0), records.get(i)))
                    .isEqualTo(original.bits(records.get(0), records.get(i)));
        }
    }

    @Test
    void theTableShowsMUAndBitsOfEveryLevel() {
        MatchSettings settings = EngineFixtures.settings();
        MatchWeights weights = EngineFixtures.weights(settings);

        assertThat(weights.table())
                .filteredOn(row -> row.comparison().equals("email"))
                .extracting(MatchWeights.LevelWeight::level)
                .containsExactly("missing", "exact", "else");
        assertThat(weights.table()).allSatisfy(row -> {
            if (!row.level().equals("missing")) {
                assertThat(row.bits()).isEqualTo(Math.log(row.m() / row.u()) / Math.log(2));
            }
        });
    }

    @Test
    void weightsOfChangedSettingsAreRefusedWithAReason() {
        MatchSettings settings = EngineFixtures.settings();
        Map<String, Object> document = EngineFixtures.weights(settings).toDocument();

        assertThatThrownBy(() ->
                        MatchWeights.fromDocument(document, MatchSettings.defaults("person", BuiltInTypes.PERSON)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("estimate the weights again");
    }
}
