package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.amalgam.model.AttributeDefinition;

/** Small settings, records and hand-made weights for the engine's tests. */
final class EngineFixtures {

    static final List<AttributeDefinition> ATTRIBUTES = List.of(
            BuiltInTypes.attribute("first_name", "name"),
            BuiltInTypes.attribute("last_name", "name"),
            BuiltInTypes.attribute("birth_date", "date"),
            BuiltInTypes.attribute("email", "email"),
            BuiltInTypes.attribute("national_id", "identifier"),
            BuiltInTypes.attribute("city", "address"));

    private EngineFixtures() {}

    /** Names, birth date, e-mail and national id; keys on names, e-mail and national id. */
    static MatchSettings settings() {
        return MatchSettings.parse(document(), ATTRIBUTES).orElseThrow();
    }

    static Map<String, Object> document() {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("thresholds", Map.of("same", 0.95, "possible", 0.5));
        match.put(
                "blocking",
                Map.of(
                        "keys",
                        List.of(
                                Map.of(
                                        "name",
                                        "names",
                                        "parts",
                                        List.of("double_metaphone(first_name)", "double_metaphone(last_name)")),
                                Map.of(
                                        "name",
                                        "last_name_birth_date",
                                        "parts",
                                        List.of("double_metaphone(last_name)", "birth_date")),
                                Map.of("name", "email", "parts", List.of("exact(email)")),
                                Map.of("name", "national_id", "parts", List.of("national_id")))));
        match.put(
                "comparisons",
                List.of(
                        comparison("first_name", List.of("exact", Map.of("jaro_winkler", 0.9), "initials")),
                        comparison("last_name", List.of("exact", Map.of("jaro_winkler", 0.9))),
                        comparison("birth_date", List.of("exact", "one_digit")),
                        comparison("email", List.of("exact")),
                        comparison("national_id", List.of("exact"))));
        match.put("clustering", Map.of("contradiction", -10));
        return match;
    }

    private static Map<String, Object> comparison(String attribute, List<Object> levels) {
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("attribute", attribute);
        comparison.put("levels", levels);
        return comparison;
    }

    /**
     * Hand-made weights for {@link #settings()}: agreeing levels count for, {@code else} against; the prior is 1 in
     * 10,000 (−13.3 bits).
     */
    static MatchWeights weights(MatchSettings settings) {
        List<ComparisonDefinition> comparisons = settings.comparisons();
        double[][] m = new double[comparisons.size()][];
        double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            int levels = comparisons.get(c).levels().size();
            m[c] = new double[levels];
            u[c] = new double[levels];
            m[c][0] = 1;
            u[c][0] = 1;
            double strongM = 0.9;
            double strongU = comparisons.get(c).name().equals("first_name") ? 0.01 : 0.001;
            m[c][1] = strongM;
            u[c][1] = strongU;
            int middle = levels - 3;
            for (int l = 2; l < levels - 1; l++) {
                m[c][l] = 0.07 / middle;
                u[c][l] = 0.005 / middle;
            }
            m[c][levels - 1] = levels > 3 ? 0.03 : 0.1;
            u[c][levels - 1] = 1 - strongU - (levels > 3 ? 0.005 : 0);
        }
        TermFrequencies[] tf = new TermFrequencies[comparisons.size()];
        return new MatchWeights(settings, 1e-4, m, u, tf, Map.of());
    }

    /** A record of source 1 (not deduplicated) from attribute pairs: "first_name", "Anna", … */
    static MatchRecord record(long id, String... attributes) {
        return record(id, 1, false, attributes);
    }

    static MatchRecord record(long id, long source, boolean deduplicated, String... attributes) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            values.put(attributes[i], attributes[i + 1]);
        }
        return new MatchRecord(id, source, deduplicated, values);
    }

    static List<PreparedRecord> prepare(RecordPreparer preparer, MatchRecord... records) {
        List<PreparedRecord> prepared = new ArrayList<>();
        for (MatchRecord record : records) {
            prepared.add(preparer.prepare(record));
        }
        return prepared;
    }
}
