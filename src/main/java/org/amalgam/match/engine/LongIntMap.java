package org.amalgam.match.engine;

import java.util.Arrays;

/** A small open-addressing map from long to int, for counting without boxing. Not thread-safe. */
final class LongIntMap {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private boolean hasEmptyKey;
    private int emptyKeyValue;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) * 2;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size + (hasEmptyKey ? 1 : 0);
    }

    private int index(long key) {
        return (int) StringMetrics.mix64(key) & mask;
    }

    int get(long key, int missing) {
        if (key == EMPTY) {
            return hasEmptyKey ? emptyKeyValue : missing;
        }
        int i = index(key);
        while (true) {
            long stored = keys[i];
            if (stored == key) {
                return values[i];
            }
            if (stored == EMPTY) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (key == EMPTY) {
            hasEmptyKey = true;
            emptyKeyValue = value;
            return;
        }
        int i = index(key);
        while (true) {
            long stored = keys[i];
            if (stored == key) {
                values[i] = value;
                return;
            }
            if (stored == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    void add(long key, int delta) {
        put(key, get(key, 0) + delta);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Calls the consumer for every entry. */
    void forEach(Entry consumer) {
        if (hasEmptyKey) {
            consumer.accept(EMPTY, emptyKeyValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                consumer.accept(keys[i], values[i]);
            }
        }
    }

    interface Entry {
        void accept(long key, int value);
    }
}
