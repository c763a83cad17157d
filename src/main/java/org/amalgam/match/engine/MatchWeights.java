package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fellegi-Sunter model of one entity type: for every level of every comparison m (its share among pairs of the
 * same entity) and u (its share among pairs of different entities), the prior λ (the probability that two random
 * records are the same entity), and term-frequency tables for comparisons that weigh by them. A level weighs log2(m /
 * u) bits; {@code missing} weighs 0. Immutable; {@link #toDocument} and {@link #fromDocument} store it as JSON.
 */
public final class MatchWeights {

    /** Level weights are clamped to ± this many bits, so one level cannot decide a pair on its own beyond reason. */
    static final double MAX_LEVEL_BITS = 30;

    private static final int DOCUMENT_VERSION = 1;

    private final List<String> comparisonNames;
    private final List<List<String>> levelLabels;
    private final double prior;
    private final double[][] m;
    private final double[][] u;
    private final TermFrequencies[] termFrequencies;
    private final Map<String, Object> estimation;

    MatchWeights(
            MatchSettings settings,
            double prior,
            double[][] m,
            double[][] u,
            TermFrequencies[] termFrequencies,
            Map<String, Object> estimation) {
        List<String> names = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (ComparisonDefinition comparison : settings.comparisons()) {
            names.add(comparison.name());
            labels.add(comparison.levels().stream().map(LevelDefinition::label).toList());
        }
        this.comparisonNames = List.copyOf(names);
        this.levelLabels = List.copyOf(labels);
        this.prior = prior;
        this.m = m;
        this.u = u;
        this.termFrequencies = termFrequencies;
        this.estimation = estimation == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(estimation));
    }

    /** λ: the probability that two records drawn at random are the same entity. */
    public double prior() {
        return prior;
    }

    /** The prior as a match weight, log2(λ / (1 − λ)): every score starts here. */
    public double priorBits() {
        return Weights.bits(prior);
    }

    /** Figures of the estimation that made these weights (records, pairs, EM iterations …), for display. */
    public Map<String, Object> estimation() {
        return estimation;
    }

    /** One row of the weight table. */
    public record LevelWeight(String comparison, String level, double m, double u, double bits) {}

    /** The m/u/bits table for display, comparison by comparison, level by level. */
    public List<LevelWeight> table() {
        List<LevelWeight> rows = new ArrayList<>();
        for (int c = 0; c < comparisonNames.size(); c++) {
            for (int l = 0; l < m[c].length; l++) {
                rows.add(new LevelWeight(
                        comparisonNames.get(c), levelLabels.get(c).get(l), m[c][l], u[c][l], bits(c, l)));
            }
        }
        return rows;
    }

    /** The most common values of a comparison that weighs by term frequency, with their shares; empty otherwise. */
    public Map<String, Double> termFrequencies(String comparison) {
        int c = comparisonNames.indexOf(comparison);
        return c < 0 || termFrequencies[c] == null ? Map.of() : termFrequencies[c].shares;
    }

    double m(int comparison, int level) {
        return m[comparison][level];
    }

    double u(int comparison, int level) {
        return u[comparison][level];
    }

    int levelCount(int comparison) {
        return m[comparison].length;
    }

    TermFrequencies termFrequencies(int comparison) {
        return termFrequencies[comparison];
    }

    /** log2(m / u) of a level, clamped; 0 for {@code missing} (level 0). */
    double bits(int comparison, int level) {
        if (level == 0) {
            return 0;
        }
        return clamp(Weights.log2(m[comparison][level] / u[comparison][level]));
    }

    static double clamp(double bits) {
        return Math.max(-MAX_LEVEL_BITS, Math.min(MAX_LEVEL_BITS, bits));
    }

    /** Whether these weights were made for settings with these comparisons and levels. */
    boolean fits(MatchSettings settings) {
        List<ComparisonDefinition> comparisons = settings.comparisons();
        if (comparisons.size() != comparisonNames.size()) {
            return false;
        }
        for (int c = 0; c < comparisons.size(); c++) {
            ComparisonDefinition comparison = comparisons.get(c);
            if (!comparison.name().equals(comparisonNames.get(c))
                    || !comparison.levels().stream()
                            .map(LevelDefinition::label)
                            .toList()
                            .equals(levelLabels.get(c))
                    || (comparison.termFrequency() && termFrequencies[c] == null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The weights as a JSON-ready map (for a jsonb column): {@code prior}, and per comparison its levels with m and
     * u and, where used, the term frequencies.
     */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", DOCUMENT_VERSION);
        document.put("prior", prior);
        List<Object> comparisons = new ArrayList<>();
        for (int c = 0; c < comparisonNames.size(); c++) {
            Map<String, Object> comparison = new LinkedHashMap<>();
            comparison.put("name", comparisonNames.get(c));
            List<Object> levels = new ArrayList<>();
            for (int l = 0; l < m[c].length; l++) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("level", levelLabels.get(c).get(l));
                level.put("m", m[c][l]);
                level.put("u", u[c][l]);
                levels.add(level);
            }
            comparison.put("levels", levels);
            if (termFrequencies[c] != null) {
                Map<String, Object> tf = new LinkedHashMap<>();
                tf.put("rest", termFrequencies[c].rest);
                tf.put("values", new LinkedHashMap<>(termFrequencies[c].shares));
                comparison.put("termFrequencies", tf);
            }
            comparisons.add(comparison);
        }
        document.put("comparisons", comparisons);
        document.put("estimation", new LinkedHashMap<>(estimation));
        return document;
    }

    /**
     * Reads weights that {@link #toDocument} wrote, for the given settings.
     *
     * @throws IllegalArgumentException if the document is malformed or was made for other comparisons or levels (the
     *     settings changed since: estimate the weights again)
     */
    public static MatchWeights fromDocument(Map<String, Object> document, MatchSettings settings) {
        try {
            double prior = ((Number) document.get("prior")).doubleValue();
            List<?> comparisons = (List<?>) document.get("comparisons");
            List<ComparisonDefinition> definitions = settings.comparisons();
            if (comparisons == null || comparisons.size() != definitions.size()) {
                throw new IllegalArgumentException("the weights have "
                        + (comparisons == null ? 0 : comparisons.size()) + " comparisons, the settings "
                        + definitions.size() + ": estimate the weights again");
            }
            double[][] m = new double[definitions.size()][];
            double[][] u = new double[definitions.size()][];
            TermFrequencies[] tf = new TermFrequencies[definitions.size()];
            for (int c = 0; c < definitions.size(); c++) {
                Map<?, ?> comparison = (Map<?, ?>) comparisons.get(c);
                ComparisonDefinition definition = definitions.get(c);
                if (!definition.name().equals(comparison.get("name"))) {
                    throw new IllegalArgumentException(
                            "comparison " + c + " of the weights is '" + comparison.get("name") + "', of the settings '"
                                    + definition.name() + "': estimate the weights again");
                }
                List<?> levels = (List<?>) comparison.get("levels");
                if (levels.size() != definition.levels().size()) {
                    throw new IllegalArgumentException("the weights of '" + definition.name() + "' have "
                            + levels.size() + " levels, the settings "
                            + definition.levels().size() + ": estimate the weights again");
                }
                m[c] = new double[levels.size()];
                u[c] = new double[levels.size()];
                for (int l = 0; l < levels.size(); l++) {
                    Map<?, ?> level = (Map<?, ?>) levels.get(l);
                    String label = definition.levels().get(l).label();
                    if (!label.equals(level.get("level"))) {
                        throw new IllegalArgumentException("level " + l + " of '" + definition.name() + "' is '"
                                + level.get("level") + "' in the weights and '" + label
                                + "' in the settings: estimate the weights again");
                    }
                    m[c][l] = ((Number) level.get("m")).doubleValue();
                    u[c][l] = ((Number) level.get("u")).doubleValue();
                }
                Map<?, ?> frequencies = (Map<?, ?>) comparison.get("termFrequencies");
                if (frequencies != null) {
                    Map<String, Double> shares = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) frequencies.get("values")).entrySet()) {
                        shares.put(String.valueOf(entry.getKey()), ((Number) entry.getValue()).doubleValue());
                    }
                    tf[c] = new TermFrequencies(shares, ((Number) frequencies.get("rest")).doubleValue());
                } else if (definition.termFrequency()) {
                    throw new IllegalArgumentException("'" + definition.name()
                            + "' weighs by term frequency but the weights have none: estimate the weights again");
                }
            }
            Map<String, Object> estimation = new LinkedHashMap<>();
            if (document.get("estimation") instanceof Map<?, ?> info) {
                info.forEach((key, value) -> estimation.put(String.valueOf(key), value));
            }
            return new MatchWeights(settings, prior, m, u, tf, estimation);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a weights document: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("prior λ = %.3g (%.2f bits)%n", prior, priorBits()));
        for (LevelWeight row : table()) {
            out.append(String.format(
                    "  %-14s %-26s m=%.4f u=%.6f %+7.2f bits%n",
                    row.comparison(), row.level(), row.m(), row.u(), row.bits()));
        }
        return out.toString();
    }
}
