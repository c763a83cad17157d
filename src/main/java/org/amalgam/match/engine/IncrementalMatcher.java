package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides for one arriving record (real time, through the API) which cluster it joins, with the same scorer and the
 * same {@link ClusteringSettings clustering rule} as {@link BulkClusterer}, so that both paths agree. The caller
 * fetches the candidate clusters through the blocking-key table: every cluster with a record that shares a key with
 * the arriving one, with all its records. Thread-safe.
 */
public final class IncrementalMatcher {

    /** What to do with the arriving record. */
    public enum Outcome {
        /** join {@link Decision#cluster()}: it alone clears SAME */
        JOIN,
        /** a new cluster: no candidate clears POSSIBLE */
        NEW,
        /** a steward decides: two clusters clear SAME, or the best only clears POSSIBLE, or a constraint stood in the way */
        REVIEW
    }

    /**
     * How the arriving record fares against one candidate cluster.
     *
     * @param cluster the candidate cluster
     * @param meanBits the mean match weight of the record with the cluster's records (what the clustering rule
     *     compares with SAME); NaN when a constraint stopped the comparison
     * @param band SAME when the clustering rule lets the record join, POSSIBLE when the mean or the best pair clears
     *     POSSIBLE or a constraint or the rule kept a SAME pair apart, else DIFFERENT
     * @param blockedBy what kept the record out of a cluster it matches, or null
     * @param bestRecordId the cluster's record that matches best, or -1
     * @param evidence the explanation of the best pair, or null
     */
    public record Candidate(
            UUID cluster,
            double meanBits,
            Band band,
            LinkReason blockedBy,
            long bestRecordId,
            Scorer.Explanation evidence) {

        /** The mean weight as a probability. */
        public double probability() {
            return Double.isNaN(meanBits) ? Double.NaN : Weights.probability(meanBits);
        }
    }

    /**
     * The decision.
     *
     * @param outcome JOIN, NEW or REVIEW
     * @param cluster the cluster to join (JOIN only), else null
     * @param candidates every candidate cluster, best first
     */
    public record Decision(Outcome outcome, UUID cluster, List<Candidate> candidates) {

        /** The candidate the record joins, or the best one. */
        public Candidate best() {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
    }

    private final Scorer scorer;

    public IncrementalMatcher(Scorer scorer) {
        this.scorer = scorer;
    }

    /**
     * Decides where the record goes.
     *
     * @param incoming the arriving record, prepared
     * @param candidates cluster id → all its prepared records; a record with the incoming record's id (its previous
     *     version) is left out
     * @param constraints pairs asserted DIFFERENT
     */
    public Decision decide(
            PreparedRecord incoming, Map<UUID, List<PreparedRecord>> candidates, Constraints constraints) {
        return decide(incoming, candidates, constraints, true);
    }

    /**
     * As {@link #decide(PreparedRecord, Map, Constraints)}; without {@code explainDifferent} a DIFFERENT candidate
     * carries no evidence. A record being stored needs the evidence of the golden records it joins or may match
     * only, and explaining every other candidate (often dozens) was a tenth of a push's CPU.
     */
    public Decision decide(
            PreparedRecord incoming,
            Map<UUID, List<PreparedRecord>> candidates,
            Constraints constraints,
            boolean explainDifferent) {
        scorer.preparer().check(incoming);
        GroupRule rule = new GroupRule(scorer, constraints);
        StringMetrics.Scratch scratch = new StringMetrics.Scratch();
        double possible = scorer.possibleBits();
        double same = scorer.sameBits();
        List<Candidate> results = new ArrayList<>();
        List<PreparedRecord> single = List.of(incoming);
        for (Map.Entry<UUID, List<PreparedRecord>> entry : candidates.entrySet()) {
            List<PreparedRecord> members = new ArrayList<>(entry.getValue().size());
            for (PreparedRecord member : entry.getValue()) {
                if (member.id() != incoming.id()) {
                    scorer.preparer().check(member);
                    members.add(member);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            GroupRule.Outcome outcome = rule.evaluate(single, members, scratch);
            PreparedRecord best = outcome.bestY() >= 0 ? members.get(outcome.bestY()) : bestMember(incoming, members);
            double bestBits = scorer.bits(incoming, best, scratch);
            Band band;
            // as in the bulk run: a pair must reach SAME, and then the cluster as a whole must agree
            if (outcome.joins() && bestBits >= same) {
                band = Band.SAME;
            } else if (bestBits >= same
                    || bestBits >= possible
                    || (!Double.isNaN(outcome.meanBits()) && outcome.meanBits() >= possible)) {
                band = Band.POSSIBLE;
            } else {
                band = Band.DIFFERENT;
            }
            LinkReason blockedBy = band == Band.SAME || band == Band.DIFFERENT
                    ? null
                    : bestBits < same && (outcome.joins() || outcome.blockedBy() == LinkReason.WEAK_GROUP)
                            ? LinkReason.BELOW_SAME
                            : outcome.blockedBy();
            Scorer.Explanation evidence =
                    band != Band.DIFFERENT || explainDifferent ? scorer.explain(incoming, best) : null;
            results.add(new Candidate(entry.getKey(), outcome.meanBits(), band, blockedBy, best.id(), evidence));
        }
        results.sort(Comparator.comparing((Candidate c) -> c.band().ordinal())
                .thenComparing(c -> -(Double.isNaN(c.meanBits()) ? Double.NEGATIVE_INFINITY : c.meanBits()))
                .thenComparing(c -> c.cluster().toString()));
        long joinable = results.stream().filter(c -> c.band() == Band.SAME).count();
        boolean possibleFound = results.stream().anyMatch(c -> c.band() == Band.POSSIBLE);
        if (joinable == 1) {
            return new Decision(Outcome.JOIN, results.get(0).cluster(), List.copyOf(results));
        }
        if (joinable > 1 || possibleFound) {
            return new Decision(Outcome.REVIEW, null, List.copyOf(results));
        }
        return new Decision(Outcome.NEW, null, List.copyOf(results));
    }

    private PreparedRecord bestMember(PreparedRecord incoming, List<PreparedRecord> members) {
        PreparedRecord best = members.get(0);
        double bestBits = Double.NEGATIVE_INFINITY;
        for (PreparedRecord member : members) {
            double bits = scorer.bits(incoming, member);
            if (bits > bestBits) {
                bestBits = bits;
                best = member;
            }
        }
        return best;
    }
}
