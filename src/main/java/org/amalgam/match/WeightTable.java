package org.amalgam.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amalgam.match.engine.BlockingKeyDefinition;
import org.amalgam.match.engine.BlockingPart;
import org.amalgam.match.engine.ComparisonDefinition;
import org.amalgam.match.engine.LevelDefinition;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.MatchWeights;

/**
 * The match settings and weights of one version of an entity type's model, for a page or a JSON answer: thresholds,
 * blocking keys with their caps, and per comparison its levels in order with m, u and the weight in bits.
 *
 * @param estimated whether the weights were estimated from the data; false for the cautious starting weights
 * @param recordCount how many records the stored weights were estimated from, or null for the starting weights
 * @param estimatedAt when they were estimated, or null
 * @param records how many live records the type has now
 * @param prior λ, the probability that two records drawn at random are the same entity
 * @param priorBits λ as a match weight: every score starts here
 * @param estimation figures of the estimation (records, seed, seconds …), empty for the starting weights
 */
public record WeightTable(
        String type,
        String typeName,
        int modelVersion,
        boolean estimated,
        Long recordCount,
        Instant estimatedAt,
        long records,
        int minimumRecords,
        Thresholds thresholds,
        List<BlockingKey> blockingKeys,
        double prior,
        double priorBits,
        List<Comparison> comparisons,
        Map<String, Object> estimation) {

    /** Most common values shown per comparison that weighs by term frequency. */
    static final int COMMON_VALUES = 5;

    /** The thresholds as probabilities and as match weights in bits. */
    public record Thresholds(double same, double possible, double sameBits, double possibleBits) {}

    /**
     * One blocking key.
     *
     * @param cap blocks larger than this are split (or compared only within a window)
     * @param window neighbours compared in a block still above the cap
     */
    public record BlockingKey(
            String name, List<String> parts, boolean unordered, List<String> split, int cap, int window) {}

    /**
     * One comparison with its levels in order.
     *
     * @param commonValues for a comparison that weighs by term frequency, its most common values with their shares
     */
    public record Comparison(
            String name,
            String attribute,
            String swappedWith,
            boolean termFrequency,
            List<Level> levels,
            Map<String, Double> commonValues) {}

    /**
     * One level: m (its share among pairs of the same entity), u (among pairs of different entities) and its weight
     * log2(m / u) in bits; {@code missing} weighs 0.
     *
     * @param meaning what the level's kind means, for a tooltip
     */
    public record Level(String level, String kind, String meaning, double m, double u, double bits) {}

    static WeightTable of(
            String type,
            String typeName,
            int modelVersion,
            MatchSettings settings,
            MatchWeights weights,
            boolean estimated,
            Long recordCount,
            Instant estimatedAt,
            long records) {
        org.amalgam.match.engine.Thresholds thresholds = settings.thresholds();
        List<BlockingKey> keys = new ArrayList<>();
        for (BlockingKeyDefinition key : settings.blockingKeys()) {
            keys.add(new BlockingKey(
                    key.name(),
                    key.parts().stream().map(BlockingPart::toString).toList(),
                    key.unordered(),
                    key.split().stream().map(BlockingPart::toString).toList(),
                    settings.blockCap(key),
                    settings.window(key)));
        }
        List<MatchWeights.LevelWeight> rows = weights.table();
        List<Comparison> comparisons = new ArrayList<>();
        int row = 0;
        for (ComparisonDefinition comparison : settings.comparisons()) {
            List<Level> levels = new ArrayList<>();
            for (LevelDefinition level : comparison.levels()) {
                MatchWeights.LevelWeight weight = rows.get(row++);
                levels.add(new Level(
                        weight.level(),
                        level.kind().code(),
                        level.kind().meaning(),
                        weight.m(),
                        weight.u(),
                        weight.bits()));
            }
            Map<String, Double> common = new LinkedHashMap<>();
            weights.termFrequencies(comparison.name()).entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(COMMON_VALUES)
                    .forEach(entry -> common.put(entry.getKey(), entry.getValue()));
            comparisons.add(new Comparison(
                    comparison.name(),
                    comparison.attribute(),
                    comparison.swappedWith(),
                    comparison.termFrequency(),
                    levels,
                    common));
        }
        return new WeightTable(
                type,
                typeName,
                modelVersion,
                estimated,
                recordCount,
                estimatedAt,
                records,
                Matching.MIN_RECORDS_TO_ESTIMATE,
                new Thresholds(
                        thresholds.same(), thresholds.possible(), thresholds.sameBits(), thresholds.possibleBits()),
                keys,
                weights.prior(),
                weights.priorBits(),
                comparisons,
                estimated ? weights.estimation() : Map.of());
    }

    /** Whether the type has enough records to estimate weights from. */
    public boolean canEstimate() {
        return records >= minimumRecords;
    }
}
