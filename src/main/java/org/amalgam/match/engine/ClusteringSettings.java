package org.amalgam.match.engine;

/**
 * The rule that decides whether two clusters (or one arriving record and a cluster) may become one, shared by the
 * bulk and the real-time path so that both agree. Every pair across the two groups is scored; they join only when
 * the group as a whole agrees and no pair contradicts:
 *
 * <ul>
 *   <li>the mean match weight (bits) over the cross pairs reaches the weight of probability {@code agreement} (by
 *       default the SAME threshold): a member with little data (weights near the prior) pulls it down a little, one
 *       that clearly differs pulls it down a lot; and
 *   <li>no cross pair has evidence (its weight without the prior) at or below {@code contradiction} bits: the
 *       comparisons together say the two records are different entities.
 * </ul>
 *
 * This stops the chain A~B~C from putting A and C together when they clearly differ.
 *
 * @param agreement the mean probability the cross pairs must reach, 0..1; NaN for the SAME threshold
 * @param contradiction a cross pair with evidence at or below this many bits forbids the join
 */
public record ClusteringSettings(double agreement, double contradiction) {

    public static final ClusteringSettings DEFAULT = new ClusteringSettings(Double.NaN, -10);

    /** The agreement threshold, falling back to the SAME threshold. */
    public double agreement(Thresholds thresholds) {
        return Double.isNaN(agreement) ? thresholds.same() : agreement;
    }
}
