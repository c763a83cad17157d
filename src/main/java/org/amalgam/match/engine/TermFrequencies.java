package org.amalgam.match.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How common each value of an attribute is: value → its share of the records that have the attribute. Only the most
 * common values are kept; any other value has the share {@code rest}. Looked up by the value's 64-bit hash, so
 * scoring allocates nothing.
 */
final class TermFrequencies {

    /** At most this many values are kept; rarer ones share {@code rest}. */
    static final int MAX_VALUES = 20_000;

    final Map<String, Double> shares;
    final double rest;
    private final long[] keys;
    private final double[] values;
    private final int mask;

    TermFrequencies(Map<String, Double> shares, double rest) {
        this.shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        this.rest = rest;
        int capacity = Integer.highestOneBit(Math.max(4, shares.size() * 2 + 1)) * 2;
        this.keys = new long[capacity];
        this.values = new double[capacity];
        this.mask = capacity - 1;
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
            long key = nonZero(StringMetrics.hash64(entry.getKey()));
            int index = (int) key & mask;
            while (keys[index] != 0 && keys[index] != key) {
                index = (index + 1) & mask;
            }
            keys[index] = key;
            values[index] = entry.getValue();
        }
    }

    double share(char[] text, int from, int length) {
        long key = nonZero(StringMetrics.hash64(text, from, length));
        int index = (int) key & mask;
        while (true) {
            long stored = keys[index];
            if (stored == key) {
                return values[index];
            }
            if (stored == 0) {
                return rest;
            }
            index = (index + 1) & mask;
        }
    }

    private static long nonZero(long hash) {
        return hash == 0 ? 1 : hash;
    }
}
