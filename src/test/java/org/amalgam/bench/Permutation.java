package org.amalgam.bench;

/**
 * A keyed pseudo-random permutation of {@code [0, size)} in O(1) memory: a four-round balanced Feistel network
 * on the smallest even number of bits that holds {@code size}, with cycle walking for the values above it. This is
 * how the generator shuffles a million records without holding them.
 */
final class Permutation {

    private final long size;
    private final int halfBits;
    private final long mask;
    private final long[] keys = new long[4];

    Permutation(long size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        this.size = size;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        if ((bits & 1) == 1) {
            bits++;
        }
        this.halfBits = bits / 2;
        this.mask = (1L << halfBits) - 1;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Mix.seed(seed, 0x5EED, i);
        }
    }

    /** The power of two this permutation works in; {@link #raw} maps it onto itself. */
    long domain() {
        return 1L << (2 * halfBits);
    }

    /** A permutation of {@code [0, domain())}. */
    long raw(long x) {
        long left = x >>> halfBits;
        long right = x & mask;
        for (long key : keys) {
            long next = left ^ (Mix.mix(right ^ key) & mask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    long rawInverse(long x) {
        long left = x >>> halfBits;
        long right = x & mask;
        for (int i = keys.length - 1; i >= 0; i--) {
            long previous = right ^ (Mix.mix(left ^ keys[i]) & mask);
            right = left;
            left = previous;
        }
        return (left << halfBits) | right;
    }

    /** A permutation of {@code [0, size)}. */
    long apply(long x) {
        do {
            x = raw(x);
        } while (x >= size);
        return x;
    }

    /** The inverse of {@link #apply}. */
    long inverse(long x) {
        do {
            x = rawInverse(x);
        } while (x >= size);
        return x;
    }
}
