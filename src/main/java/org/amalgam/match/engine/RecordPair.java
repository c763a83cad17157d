package org.amalgam.match.engine;

/** Two record ids, the smaller first. */
public record RecordPair(long a, long b) {

    public RecordPair {
        if (a > b) {
            long swap = a;
            a = b;
            b = swap;
        }
    }

    public static RecordPair of(long a, long b) {
        return new RecordPair(a, b);
    }
}
