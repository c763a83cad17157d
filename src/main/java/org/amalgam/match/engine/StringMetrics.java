package org.amalgam.match.engine;

/**
 * String similarities on ranges of char arrays, so that scoring a pair allocates nothing: the work arrays come from
 * a per-thread {@link Scratch}.
 */
final class StringMetrics {

    private StringMetrics() {}

    /** Work arrays of one thread, grown on demand and reused. */
    static final class Scratch {
        int[] row0 = new int[64];
        int[] row1 = new int[64];
        int[] row2 = new int[64];
        boolean[] matchedA = new boolean[64];
        boolean[] matchedB = new boolean[64];
        final int[] histogram = new int[128];
        /** a pair's level weights, per comparison */
        double[] levelBits = new double[16];

        void ensure(int length) {
            if (row0.length < length) {
                int size = Math.max(length, row0.length * 2);
                row0 = new int[size];
                row1 = new int[size];
                row2 = new int[size];
                matchedA = new boolean[size];
                matchedB = new boolean[size];
            }
        }
    }

    static boolean equal(char[] a, int as, int al, char[] b, int bs, int bl) {
        if (al != bl) {
            return false;
        }
        for (int i = 0; i < al; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Jaro-Winkler similarity when it may reach {@code minimum}, else 0: two cheap upper bounds (from the lengths,
     * then from the characters the values have in common) spare the full computation for most unrelated values.
     */
    static double jaroWinklerAtLeast(
            char[] a, int as, int al, char[] b, int bs, int bl, double minimum, Scratch scratch) {
        if (al == 0 || bl == 0) {
            return al == bl ? 1.0 : 0.0;
        }
        int prefix = 0;
        int limit = Math.min(4, Math.min(al, bl));
        while (prefix < limit && a[as + prefix] == b[bs + prefix]) {
            prefix++;
        }
        int shorter = Math.min(al, bl);
        if (bound(shorter, al, bl, prefix) < minimum) {
            return 0.0;
        }
        int[] histogram = scratch.histogram;
        for (int i = 0; i < al; i++) {
            histogram[a[as + i] & 127]++;
        }
        int common = 0;
        for (int j = 0; j < bl; j++) {
            int c = b[bs + j] & 127;
            if (histogram[c] > 0) {
                histogram[c]--;
                common++;
            }
        }
        for (int i = 0; i < al; i++) {
            histogram[a[as + i] & 127] = 0;
        }
        if (common == 0 || bound(common, al, bl, prefix) < minimum) {
            return 0.0;
        }
        return jaroWinkler(a, as, al, b, bs, bl, scratch);
    }

    /** The largest Jaro-Winkler similarity that m matching characters and the common prefix allow. */
    private static double bound(int m, int al, int bl, int prefix) {
        double jaro = ((double) m / al + (double) m / bl + 1.0) / 3.0;
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /**
     * Jaro-Winkler similarity (0..1): the Jaro similarity, raised for a common prefix of up to four characters (scale
     * 0.1) when it is above 0.7, as Winkler proposed.
     */
    static double jaroWinkler(char[] a, int as, int al, char[] b, int bs, int bl, Scratch scratch) {
        if (al == 0 || bl == 0) {
            return al == bl ? 1.0 : 0.0;
        }
        if (al > bl) {
            return jaroWinkler(b, bs, bl, a, as, al, scratch);
        }
        int window = Math.max(0, bl / 2 - 1);
        int matches = 0;
        int transpositions = 0;
        if (bl <= 64) {
            long usedB = 0L;
            long usedA = 0L;
            for (int i = 0; i < al; i++) {
                char c = a[as + i];
                int from = Math.max(0, i - window);
                int to = Math.min(bl - 1, i + window);
                for (int j = from; j <= to; j++) {
                    if ((usedB & (1L << j)) == 0 && b[bs + j] == c) {
                        usedB |= 1L << j;
                        usedA |= 1L << i;
                        matches++;
                        break;
                    }
                }
            }
            if (matches == 0) {
                return 0.0;
            }
            int j = 0;
            for (int i = 0; i < al; i++) {
                if ((usedA & (1L << i)) != 0) {
                    while ((usedB & (1L << j)) == 0) {
                        j++;
                    }
                    if (a[as + i] != b[bs + j]) {
                        transpositions++;
                    }
                    j++;
                }
            }
        } else {
            scratch.ensure(bl + 1);
            boolean[] usedA = scratch.matchedA;
            boolean[] usedB = scratch.matchedB;
            java.util.Arrays.fill(usedA, 0, al, false);
            java.util.Arrays.fill(usedB, 0, bl, false);
            for (int i = 0; i < al; i++) {
                char c = a[as + i];
                int from = Math.max(0, i - window);
                int to = Math.min(bl - 1, i + window);
                for (int j = from; j <= to; j++) {
                    if (!usedB[j] && b[bs + j] == c) {
                        usedB[j] = true;
                        usedA[i] = true;
                        matches++;
                        break;
                    }
                }
            }
            if (matches == 0) {
                return 0.0;
            }
            int j = 0;
            for (int i = 0; i < al; i++) {
                if (usedA[i]) {
                    while (!usedB[j]) {
                        j++;
                    }
                    if (a[as + i] != b[bs + j]) {
                        transpositions++;
                    }
                    j++;
                }
            }
        }
        double m = matches;
        double jaro = (m / al + m / bl + (m - transpositions / 2) / m) / 3.0;
        if (jaro <= 0.7) {
            return jaro;
        }
        int prefix = 0;
        int limit = Math.min(4, al);
        while (prefix < limit && a[as + prefix] == b[bs + prefix]) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /**
     * Edit distance (insertions, deletions, substitutions and, when {@code transpositions}, swaps of two neighbouring
     * characters), or {@code max + 1} as soon as it is known to exceed {@code max}.
     */
    static int editDistance(
            char[] a, int as, int al, char[] b, int bs, int bl, int max, boolean transpositions, Scratch scratch) {
        if (Math.abs(al - bl) > max) {
            return max + 1;
        }
        if (al == 0 || bl == 0) {
            return Math.max(al, bl);
        }
        if (max == 1) {
            return withinOne(a, as, al, b, bs, bl, transpositions) ? (equal(a, as, al, b, bs, bl) ? 0 : 1) : 2;
        }
        // only the cells within max of the diagonal can stay at or below max: a band of 2 max + 1 per row
        scratch.ensure(bl + 2);
        int[] previous2 = scratch.row2;
        int[] previous = scratch.row0;
        int[] current = scratch.row1;
        int outside = max + 1;
        for (int j = 0; j <= bl; j++) {
            previous[j] = Math.min(j, outside);
            previous2[j] = outside;
        }
        for (int i = 1; i <= al; i++) {
            int from = Math.max(1, i - max);
            int to = Math.min(bl, i + max);
            current[0] = i <= max ? i : outside;
            if (from > 1) {
                current[from - 1] = outside;
            }
            int rowMin = current[0];
            char ca = a[as + i - 1];
            for (int j = from; j <= to; j++) {
                char cb = b[bs + j - 1];
                int cost = ca == cb ? 0 : 1;
                int value = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (transpositions && i > 1 && j > 1 && ca == b[bs + j - 2] && a[as + i - 2] == cb) {
                    value = Math.min(value, previous2[j - 2] + 1);
                }
                value = Math.min(value, outside);
                current[j] = value;
                if (value < rowMin) {
                    rowMin = value;
                }
            }
            if (to < bl) {
                current[to + 1] = outside;
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }
        return Math.min(previous[bl], max + 1);
    }

    /** Whether at most one edit (or, with transpositions, one swap of neighbours) turns a into b: linear time. */
    static boolean withinOne(char[] a, int as, int al, char[] b, int bs, int bl, boolean transpositions) {
        int i = 0;
        int shorter = Math.min(al, bl);
        while (i < shorter && a[as + i] == b[bs + i]) {
            i++;
        }
        if (i == shorter) {
            return Math.abs(al - bl) <= 1;
        }
        if (al == bl) {
            // replace a[i], or swap a[i] and a[i + 1]
            if (rest(a, as + i + 1, b, bs + i + 1, al - i - 1)) {
                return true;
            }
            return transpositions
                    && i + 1 < al
                    && a[as + i] == b[bs + i + 1]
                    && a[as + i + 1] == b[bs + i]
                    && rest(a, as + i + 2, b, bs + i + 2, al - i - 2);
        }
        if (al == bl + 1) {
            return rest(a, as + i + 1, b, bs + i, bl - i);
        }
        if (bl == al + 1) {
            return rest(a, as + i, b, bs + i + 1, al - i);
        }
        return false;
    }

    private static boolean rest(char[] a, int as, char[] b, int bs, int length) {
        for (int k = 0; k < length; k++) {
            if (a[as + k] != b[bs + k]) {
                return false;
            }
        }
        return true;
    }

    /** Jaccard similarity of two sorted sets of token hashes stored in {@code ints[from, to)}. */
    static double jaccard(int[] a, int af, int at, int[] b, int bf, int bt) {
        int sizeA = at - af;
        int sizeB = bt - bf;
        if (sizeA == 0 || sizeB == 0) {
            return sizeA == sizeB ? 1.0 : 0.0;
        }
        int common = common(a, af, at, b, bf, bt);
        return (double) common / (sizeA + sizeB - common);
    }

    /** Shared tokens over the tokens of the smaller set (0..1). */
    static double overlap(int[] a, int af, int at, int[] b, int bf, int bt) {
        int sizeA = at - af;
        int sizeB = bt - bf;
        if (sizeA == 0 || sizeB == 0) {
            return sizeA == sizeB ? 1.0 : 0.0;
        }
        return (double) common(a, af, at, b, bf, bt) / Math.min(sizeA, sizeB);
    }

    /** Whether every token of the smaller set is in the larger one. */
    static boolean subset(int[] a, int af, int at, int[] b, int bf, int bt) {
        int sizeA = at - af;
        int sizeB = bt - bf;
        if (sizeA == 0 || sizeB == 0) {
            return false;
        }
        return common(a, af, at, b, bf, bt) == Math.min(sizeA, sizeB);
    }

    static int common(int[] a, int af, int at, int[] b, int bf, int bt) {
        int i = af;
        int j = bf;
        int common = 0;
        while (i < at && j < bt) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                common++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    static final long FNV_OFFSET = 0xcbf29ce484222325L;

    static long fnv(long h, char c) {
        return (h ^ c) * 0x100000001b3L;
    }

    static long fnv(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** 64-bit hash of a char range (FNV-1a, then a finalizer that spreads the bits). */
    static long hash64(char[] text, int from, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = from, end = from + length; i < end; i++) {
            h ^= text[i];
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    static long hash64(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
