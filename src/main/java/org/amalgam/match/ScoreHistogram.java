package org.amalgam.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the match scores (weights in bits) of a type's pairs spread, in bins of equal width, with the two thresholds and
 * the number of pairs in each band.
 *
 * @param source where the scores come from: {@code LINKS} (the stored match links), {@code SAMPLE} (candidate pairs of
 *     a sample of records, scored now) or {@code NONE} (no pairs at all)
 * @param sampledRecords for {@code SAMPLE}, how many records the pairs were drawn from
 * @param sameBits the {@code same} threshold as a weight
 * @param possibleBits the {@code possible} threshold as a weight
 * @param same pairs at or above {@code same}
 * @param possible pairs at or above {@code possible} and below {@code same}
 * @param different pairs below {@code possible}
 */
public record ScoreHistogram(
        String source,
        long pairs,
        int sampledRecords,
        double binWidth,
        List<Bin> bins,
        double sameBits,
        double possibleBits,
        long same,
        long possible,
        long different) {

    public static final String LINKS = "LINKS";
    public static final String SAMPLE = "SAMPLE";
    public static final String NONE = "NONE";

    /** The most bins a histogram has; wider bins when the scores spread further. */
    static final int MAX_BINS = 40;

    /** Bins [from, to) with the number of pairs whose weight falls in them. */
    public record Bin(double from, double to, long count) {}

    /**
     * A histogram from counts per whole bit ({@code floor(bits)} → pairs), so that a database can do the counting.
     *
     * @param source {@code LINKS} or {@code SAMPLE}
     */
    static ScoreHistogram of(
            String source,
            Map<Integer, Long> countsByBit,
            int sampledRecords,
            double sameBits,
            double possibleBits,
            long same,
            long possible,
            long different) {
        TreeMap<Integer, Long> counts = new TreeMap<>(countsByBit);
        long pairs = counts.values().stream().mapToLong(Long::longValue).sum();
        if (pairs == 0) {
            return new ScoreHistogram(NONE, 0, sampledRecords, 1, List.of(), sameBits, possibleBits, 0, 0, 0);
        }
        // the range covers every score and both thresholds, with a bit to spare
        int low = Math.min(counts.firstKey(), (int) Math.floor(possibleBits) - 1);
        int high = Math.max(counts.lastKey() + 1, (int) Math.ceil(sameBits) + 1);
        int width = Math.max(1, (int) Math.ceil((high - low) / (double) MAX_BINS));
        List<Bin> bins = new ArrayList<>();
        long[] binCounts = new long[(high - low + width - 1) / width];
        counts.forEach((bit, count) -> binCounts[(bit - low) / width] += count);
        for (int i = 0; i < binCounts.length; i++) {
            bins.add(new Bin(low + i * (double) width, low + (i + 1) * (double) width, binCounts[i]));
        }
        return new ScoreHistogram(
                source, pairs, sampledRecords, width, bins, sameBits, possibleBits, same, possible, different);
    }

    /** Whether there is anything to draw. */
    public boolean empty() {
        return pairs == 0;
    }

    /** The bins as the chart reads them: {@code [[from, to, count], …]}. */
    public List<double[]> chartData() {
        return bins.stream()
                .map(bin -> new double[] {bin.from(), bin.to(), bin.count()})
                .toList();
    }
}
