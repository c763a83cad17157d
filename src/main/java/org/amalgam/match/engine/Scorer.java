package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores pairs of prepared records with Fellegi-Sunter weights: the prior's weight plus, per comparison, the weight of
 * the pair's level, in bits; the probability is 2^bits / (1 + 2^bits). Thread-safe and allocation-free on the {@link
 * #bits} path; make one per settings and weights and share it.
 */
public final class Scorer {

    private static final ThreadLocal<StringMetrics.Scratch> SCRATCH =
            ThreadLocal.withInitial(StringMetrics.Scratch::new);

    private final RecordPreparer preparer;
    private final MatchSettings settings;
    private final MatchWeights weights;
    private final CompiledComparison[] comparisons;
    /** per comparison, per level: the weight in bits */
    private final double[][] bits;
    /** per comparison: the exact level's index when it weighs by term frequency, else -1 */
    private final int[] termFrequencyLevel;

    private final TermFrequencies[] termFrequencies;
    private final double priorBits;
    /** The prior's label in explanations, formatted once. */
    private final String priorLabel;
    /** the comparisons in the order {@link #bitsAtLeast} evaluates them: the cheap ones first */
    private final int[] cheapFirst;
    /** per comparison, its best level weight (the most it can add to a pair) */
    private final double[] best;

    private final double tfMinimum;
    private final double sameBits;
    private final double possibleBits;

    /**
     * @throws IllegalArgumentException if the weights were estimated for other comparisons or levels
     */
    public Scorer(RecordPreparer preparer, MatchWeights weights) {
        this.preparer = preparer;
        this.settings = preparer.settings();
        if (!weights.fits(settings)) {
            throw new IllegalArgumentException("the weights were estimated for other comparisons or levels");
        }
        this.weights = weights;
        List<ComparisonDefinition> definitions = settings.comparisons();
        this.comparisons = new CompiledComparison[definitions.size()];
        this.bits = new double[definitions.size()][];
        this.termFrequencyLevel = new int[definitions.size()];
        this.termFrequencies = new TermFrequencies[definitions.size()];
        for (int c = 0; c < definitions.size(); c++) {
            comparisons[c] = new CompiledComparison(definitions.get(c), preparer.layout);
            bits[c] = new double[weights.levelCount(c)];
            for (int l = 0; l < bits[c].length; l++) {
                bits[c][l] = weights.bits(c, l);
            }
            termFrequencyLevel[c] =
                    definitions.get(c).termFrequency() ? definitions.get(c).levelIndex(LevelKind.EXACT) : -1;
            termFrequencies[c] = weights.termFrequencies(c);
        }
        this.priorBits = weights.priorBits();
        this.priorLabel = "λ = " + String.format(java.util.Locale.ROOT, "%.3g", weights.prior());
        this.tfMinimum = settings.termFrequencyMinimum();
        this.cheapFirst = java.util.stream.IntStream.range(0, comparisons.length)
                .boxed()
                .sorted(java.util.Comparator.comparingInt((Integer c) -> cost(definitions.get(c))))
                .mapToInt(Integer::intValue)
                .toArray();
        this.best = new double[comparisons.length];
        for (int c = 0; c < comparisons.length; c++) {
            double most = 0;
            for (int l = 0; l < bits[c].length; l++) {
                most = Math.max(most, bits[c][l]);
            }
            if (termFrequencyLevel[c] >= 0) {
                most = Math.max(
                        most, MatchWeights.clamp(Weights.log2(weights.m(c, termFrequencyLevel[c]) / tfMinimum)));
            }
            best[c] = most;
        }
        this.sameBits = settings.thresholds().sameBits();
        this.possibleBits = settings.thresholds().possibleBits();
    }

    public MatchSettings settings() {
        return settings;
    }

    public MatchWeights weights() {
        return weights;
    }

    public RecordPreparer preparer() {
        return preparer;
    }

    /** The match weight of a pair in bits (prior included). */
    public double bits(PreparedRecord a, PreparedRecord b) {
        return bits(a, b, SCRATCH.get());
    }

    double bits(PreparedRecord a, PreparedRecord b, StringMetrics.Scratch scratch) {
        double total = priorBits;
        for (int c = 0; c < comparisons.length; c++) {
            int level = comparisons[c].level(a, b, scratch);
            total += levelBits(c, level, a);
        }
        return total;
    }

    /**
     * The pair's weight when it may reach {@code floor}, else negative infinity: stops as soon as the comparisons
     * left cannot lift the pair to the floor, which spares most of the work for the many unrelated pairs of a block.
     */
    double bitsAtLeast(PreparedRecord a, PreparedRecord b, double floor, StringMetrics.Scratch scratch) {
        double[] levelBits = scratch.levelBits;
        int both = a.present & b.present;
        // the most the pair can still gain: only comparisons where both records have a value can add anything
        double reachable = 0;
        for (int k = 0; k < cheapFirst.length; k++) {
            int c = cheapFirst[k];
            if ((both & (1 << c)) != 0) {
                reachable += best[c];
            }
        }
        double partial = priorBits;
        for (int k = 0; k < cheapFirst.length; k++) {
            int c = cheapFirst[k];
            if ((both & (1 << c)) == 0) {
                levelBits[c] = 0;
                continue;
            }
            if (partial + reachable < floor) {
                return Double.NEGATIVE_INFINITY;
            }
            double value = levelBits(c, comparisons[c].level(a, b, scratch), a);
            levelBits[c] = value;
            partial += value;
            reachable -= best[c];
        }
        // the same sum as bits() and explain(): in the settings' order
        double total = priorBits;
        for (int c = 0; c < comparisons.length; c++) {
            total += levelBits[c];
        }
        return total;
    }

    /** A rough cost of a comparison's levels, to evaluate the cheap comparisons first. */
    private static int cost(ComparisonDefinition definition) {
        int cost = 0;
        for (LevelDefinition level : definition.levels()) {
            cost += switch (level.kind()) {
                case JARO_WINKLER, JACCARD, OVERLAP -> 8;
                case LEVENSHTEIN, DAMERAU_LEVENSHTEIN -> 4;
                case TOKEN_SUBSET, INITIALS, SWAPPED, DOUBLE_METAPHONE -> 2;
                default -> 1;
            };
        }
        return cost;
    }

    /** The sum of a pair's negative level weights (the evidence against it), and its total, for the clustering rule. */
    double evidenceAgainst(PreparedRecord a, PreparedRecord b, StringMetrics.Scratch scratch) {
        double against = 0;
        for (int c = 0; c < comparisons.length; c++) {
            int level = comparisons[c].level(a, b, scratch);
            double value = levelBits(c, level, a);
            if (value < 0) {
                against += value;
            }
        }
        return against;
    }

    private double levelBits(int comparison, int level, PreparedRecord a) {
        if (level == termFrequencyLevel[comparison]) {
            CompiledComparison compiled = comparisons[comparison];
            int slot = compiled.slot;
            double share = termFrequencies[comparison].share(a.text, a.start(slot), a.length(slot));
            return MatchWeights.clamp(
                    Weights.log2(weights.m(comparison, level) / Math.max(Math.min(share, 1.0), tfMinimum)));
        }
        return bits[comparison][level];
    }

    /** The pair's level per comparison, in the settings' order. */
    int[] levels(PreparedRecord a, PreparedRecord b) {
        StringMetrics.Scratch scratch = SCRATCH.get();
        int[] levels = new int[comparisons.length];
        for (int c = 0; c < comparisons.length; c++) {
            levels[c] = comparisons[c].level(a, b, scratch);
        }
        return levels;
    }

    /** A pair's weight, probability and band. */
    public Score score(PreparedRecord a, PreparedRecord b) {
        check(a, b);
        double total = bits(a, b);
        return new Score(total, Weights.probability(total), band(total));
    }

    /**
     * A pair's score with its explanation: the prior and every comparison's level, weight and the two values
     * compared (normalized). The contributions, added in order, give exactly the total.
     */
    public Explanation explain(PreparedRecord a, PreparedRecord b) {
        check(a, b);
        StringMetrics.Scratch scratch = SCRATCH.get();
        List<Contribution> contributions = new ArrayList<>(comparisons.length + 1);
        double total = priorBits;
        contributions.add(new Contribution("prior", priorLabel, priorBits, null, null));
        for (int c = 0; c < comparisons.length; c++) {
            CompiledComparison compiled = comparisons[c];
            int level = compiled.level(a, b, scratch);
            double value = levelBits(c, level, a);
            total += value;
            String label = compiled.definition.levels().get(level).label();
            if (level == termFrequencyLevel[c]) {
                label += " (term frequency)";
            }
            contributions.add(new Contribution(
                    compiled.definition.name(), label, value, a.valueOf(compiled.slot), b.valueOf(compiled.slot)));
        }
        return new Explanation(total, Weights.probability(total), band(total), contributions);
    }

    Band band(double total) {
        return total >= sameBits ? Band.SAME : total >= possibleBits ? Band.POSSIBLE : Band.DIFFERENT;
    }

    double sameBits() {
        return sameBits;
    }

    double possibleBits() {
        return possibleBits;
    }

    private void check(PreparedRecord a, PreparedRecord b) {
        preparer.check(a);
        preparer.check(b);
    }

    /**
     * A pair's score.
     *
     * @param bits the match weight in bits, prior included
     * @param probability 2^bits / (1 + 2^bits)
     * @param band SAME, POSSIBLE or DIFFERENT by the settings' thresholds
     */
    public record Score(double bits, double probability, Band band) {}

    /**
     * A pair's score and the contributions it is made of (the prior first); their bits add up to {@code bits}.
     */
    public record Explanation(double bits, double probability, Band band, List<Contribution> contributions) {}

    /**
     * One term of a score.
     *
     * @param comparison the comparison's name, or {@code prior}
     * @param level the level the pair reached, e.g. {@code jaro_winkler ≥ 0.92}
     * @param bits its weight
     * @param valueA the first record's normalized value, null when empty
     * @param valueB the second record's
     */
    public record Contribution(String comparison, String level, double bits, String valueA, String valueB) {}
}
