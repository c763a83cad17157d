package org.amalgam.bench;

/**
 * Seeds derived from the run's seed and a position, so that any record can be regenerated on its own (the
 * generator streams records in shuffled order and never keeps an entity around). SplitMix64's finalizer.
 */
final class Mix {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long seed(long seed, long salt, long a) {
        return mix(mix(seed + salt * GOLDEN) + a * GOLDEN);
    }

    static long seed(long seed, long salt, long a, long b) {
        return mix(seed(seed, salt, a) + b * GOLDEN);
    }
}
