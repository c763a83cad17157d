package org.amalgam.bench;

import java.util.List;
import java.util.SplittableRandom;

/** Draws values with fixed weights in O(log n): a cumulative table and a binary search. */
final class Picker<T> {

    private final Object[] items;
    private final double[] cumulative;

    private Picker(List<T> items, double[] weights) {
        if (items.isEmpty() || items.size() != weights.length) {
            throw new IllegalArgumentException("a picker needs one positive weight per item");
        }
        this.items = items.toArray();
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("weights must be positive: " + items.get(i));
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    static <T> Picker<T> weighted(List<T> items, double[] weights) {
        return new Picker<>(items, weights);
    }

    /**
     * Items listed most common first get weight {@code 1 / (rank + 1)^exponent}: a few values are very common and a
     * long tail is rare, as with real names (what term-frequency adjustment in matching relies on).
     */
    static <T> Picker<T> zipf(List<T> items, double exponent) {
        double[] weights = new double[items.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 / Math.pow(i + 1, exponent);
        }
        return new Picker<>(items, weights);
    }

    @SuppressWarnings("unchecked")
    T pick(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > x) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return (T) items[low];
    }
}
