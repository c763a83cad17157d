package org.amalgam.bench;

import java.util.SplittableRandom;

/**
 * Decides, for every entity, how many records it has and in which sources, and in which order all records are
 * written, in memory that does not grow with the data set.
 *
 * <p>Extra copies per entity follow a zero-inflated, truncated geometric distribution whose mean is
 * {@code d / (1 - d)}, so that the share of extra copies among all records is the requested duplicate rate
 * {@code d}: most entities have one record, some two, a few many. The distribution is applied by stratified
 * sampling: a keyed permutation π ranks the entities, and the entity of rank r takes the quantile
 * {@code (r + ½) / E}. So the number of entities with k extra copies is exact, not merely expected, and all
 * entities with k extras hold a contiguous range of ranks, which lets record i be mapped back to its entity and
 * copy by arithmetic.
 *
 * <p>Records {@code [0, E)} are the first copies of the entities, records {@code [E, E + D)} the D extra copies,
 * grouped by rank range. A second keyed permutation over {@code [0, E + D)} gives the writing order, so the copies of
 * an entity are scattered over the files instead of lying next to each other, and every record can be regenerated
 * from (seed, entity, copy) alone.
 */
final class CopyPlanner {

    private static final long STRATA = 0x57A7A;
    private static final long ORDER = 0x5107;
    private static final long PLAN = 0x9DA4;

    private final long entities;
    private final int maxCopies;
    private final Permutation ranks;
    private final Permutation order;
    /** Ranks below {@code rankBound[k]} have at most k extra copies. */
    private final long[] rankBound;
    /** Index (among all extra copies) of the first extra copy of the entities with k extras. */
    private final long[] extraStart;

    private final long records;
    private final double[] weights;
    private final long allSources;
    private final long deduplicated;
    private final double sameSource;
    private final long seed;

    CopyPlanner(long entities, double duplicates, double sameSource, double[] weights, long deduplicated, long seed) {
        this.entities = entities;
        this.weights = weights.clone();
        this.allSources = weights.length == 64 ? -1L : (1L << weights.length) - 1;
        this.deduplicated = deduplicated;
        this.sameSource = sameSource;
        this.seed = seed;
        double[] cumulative = extrasDistribution(duplicates / (1 - duplicates));
        this.maxCopies = cumulative.length;
        this.rankBound = new long[cumulative.length];
        this.extraStart = new long[cumulative.length + 1];
        long previous = 0;
        for (int k = 0; k < cumulative.length; k++) {
            long bound = k == cumulative.length - 1
                    ? entities
                    : Math.max(previous, Math.min(entities, (long) Math.ceil(cumulative[k] * entities - 0.5)));
            rankBound[k] = bound;
            extraStart[k + 1] = extraStart[k] + (bound - previous) * k;
            previous = bound;
        }
        this.records = entities + extraStart[cumulative.length];
        this.ranks = new Permutation(entities, Mix.seed(seed, STRATA, 0));
        this.order = new Permutation(records, Mix.seed(seed, ORDER, 0));
    }

    /**
     * Cumulative probabilities of 0, 1, … K extra copies with mean {@code mean}: a share p of entities has
     * duplicates (p grows with the mean, up to 0.9), and among them the number of extras is geometric on 1..K with
     * the ratio that gives the mean exactly (found by bisection).
     */
    static double[] extrasDistribution(double mean) {
        if (mean <= 0) {
            return new double[] {1.0};
        }
        double share = Math.min(0.9, mean / 1.6);
        double target = mean / share;
        int max = Math.max(9, (int) Math.ceil(3 * mean) + 2);
        double low = 0;
        double high = 100;
        for (int i = 0; i < 200; i++) {
            double ratio = (low + high) / 2;
            if (truncatedMean(ratio, max) < target) {
                low = ratio;
            } else {
                high = ratio;
            }
        }
        double ratio = (low + high) / 2;
        double norm = 0;
        for (int k = 1; k <= max; k++) {
            norm += Math.pow(ratio, k - 1);
        }
        double[] cumulative = new double[max + 1];
        cumulative[0] = 1 - share;
        for (int k = 1; k <= max; k++) {
            cumulative[k] = cumulative[k - 1] + share * Math.pow(ratio, k - 1) / norm;
        }
        cumulative[max] = 1.0;
        return cumulative;
    }

    private static double truncatedMean(double ratio, int max) {
        double sum = 0;
        double weighted = 0;
        for (int k = 1; k <= max; k++) {
            double p = Math.pow(ratio, k - 1);
            sum += p;
            weighted += k * p;
        }
        return weighted / sum;
    }

    /** Records before source constraints drop any: entities plus all extra copies. */
    long records() {
        return records;
    }

    int maxCopies() {
        return maxCopies;
    }

    /**
     * The record written at this position (0 ≤ position &lt; {@link #records()}), as {@code entity * maxCopies +
     * copy}.
     */
    long record(long position) {
        long index = order.apply(position);
        if (index < entities) {
            return index * maxCopies;
        }
        long extra = index - entities;
        int k = 1;
        while (extraStart[k + 1] <= extra) {
            k++;
        }
        long offset = extra - extraStart[k];
        long rank = rankBound[k - 1] + offset / k;
        return ranks.inverse(rank) * maxCopies + 1 + offset % k;
    }

    /** Extra copies the entity has before source constraints. */
    int extras(long entity) {
        long rank = ranks.apply(entity);
        int k = 0;
        while (rankBound[k] <= rank) {
            k++;
        }
        return k;
    }

    /**
     * The sources of the entity's records, first record first. An extra copy goes, with probability
     * {@code sameSource}, to a source that already holds the entity (never a deduplicated one), otherwise to a
     * source that does not yet hold it; a copy that no source may take is dropped.
     *
     * @return the number of records (1 + extra copies kept)
     */
    int plan(long entity, int extras, int[] sources) {
        SplittableRandom random = new SplittableRandom(Mix.seed(seed, PLAN, entity));
        sources[0] = pick(random, allSources);
        long used = 1L << sources[0];
        int count = 1;
        for (int i = 0; i < extras; i++) {
            long candidates = random.nextDouble() < sameSource ? used & ~deduplicated : 0;
            if (candidates == 0) {
                candidates = allSources & ~used;
            }
            if (candidates == 0) {
                candidates = used & ~deduplicated;
            }
            if (candidates == 0) {
                continue;
            }
            int source = pick(random, candidates);
            sources[count++] = source;
            used |= 1L << source;
        }
        return count;
    }

    private int pick(SplittableRandom random, long candidates) {
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if ((candidates & (1L << i)) != 0) {
                total += weights[i];
            }
        }
        double x = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if ((candidates & (1L << i)) != 0) {
                last = i;
                x -= weights[i];
                if (x < 0) {
                    return i;
                }
            }
        }
        return last;
    }
}
