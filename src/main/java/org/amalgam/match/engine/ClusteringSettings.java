package org.amalgam.match.engine;

/**
 * The rule that decides whether two clusters (or one arriving record and a cluster) may become one, shared by the
 * bulk and the real-time path so that both agree. It applies when a pair across the two reaches SAME; then every pair
 * across the two groups is scored, and they join only when the group as a whole agrees and no pair contradicts:
 *
 * <ul>
 *   <li>the mean match weight (bits) over the cross pairs reaches the weight of probability {@code agreement}: a
 *       member with little data (a weight near the prior) pulls the mean down a little, one that clearly differs
 *       pulls it down a lot; and
 *   <li>no cross pair has evidence (its weight without the prior) at or below {@code contradiction} bits: the
 *       comparisons together say the two records are different entities.
 * </ul>
 *
 * This stops the chain A~B~C from putting A and C together when they clearly differ.
 *
 * <p>When the two groups have more than 4,096 pairs across them, the pairs of evenly spread samples of 64 records of
 * each side stand for all of them, so that one huge cluster does not cost quadratic time.
 *
 * @param agreement the mean probability (taken as the mean of the match weights) the cross pairs must reach, 0..1
 * @param contradiction a cross pair with evidence at or below this many bits forbids the join; negative
 */
public record ClusteringSettings(double agreement, double contradiction) {

    public static final ClusteringSettings DEFAULT = new ClusteringSettings(0.1, -10);
}
