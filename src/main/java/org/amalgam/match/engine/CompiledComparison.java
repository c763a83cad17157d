package org.amalgam.match.engine;

import java.util.List;

/** One comparison turned into arrays: finds a pair's level without allocating. */
final class CompiledComparison {

    private static final int K_MISSING = 0;
    private static final int K_EXACT = 1;
    private static final int K_SWAPPED = 2;
    private static final int K_JARO_WINKLER = 3;
    private static final int K_LEVENSHTEIN = 4;
    private static final int K_DAMERAU_LEVENSHTEIN = 5;
    private static final int K_JACCARD = 6;
    private static final int K_OVERLAP = 7;
    private static final int K_TOKEN_SUBSET = 8;
    private static final int K_INITIALS = 9;
    private static final int K_DOUBLE_METAPHONE = 10;
    private static final int K_PREFIX = 11;
    private static final int K_EMAIL_LOCAL = 12;
    private static final int K_PHONE_SUFFIX = 13;
    private static final int K_TRANSPOSED_DAY_MONTH = 14;
    private static final int K_ONE_DIGIT = 15;
    private static final int K_SAME_YEAR = 16;
    private static final int K_WITHIN_YEARS = 17;
    private static final int K_WITHIN_DAYS = 18;
    private static final int K_ABSOLUTE = 19;
    private static final int K_RELATIVE = 20;
    private static final int K_ELSE = 21;

    private static final String[] KIND_NAMES = {
        "MISSING",
        "EXACT",
        "SWAPPED",
        "JARO_WINKLER",
        "LEVENSHTEIN",
        "DAMERAU_LEVENSHTEIN",
        "JACCARD",
        "OVERLAP",
        "TOKEN_SUBSET",
        "INITIALS",
        "DOUBLE_METAPHONE",
        "PREFIX",
        "EMAIL_LOCAL",
        "PHONE_SUFFIX",
        "TRANSPOSED_DAY_MONTH",
        "ONE_DIGIT",
        "SAME_YEAR",
        "WITHIN_YEARS",
        "WITHIN_DAYS",
        "ABSOLUTE",
        "RELATIVE",
        "ELSE"
    };

    static {
        for (LevelKind kind : LevelKind.values()) {
            if (!kind.name().equals(KIND_NAMES[kind.ordinal()])) {
                throw new IllegalStateException("level kinds out of order: " + kind);
            }
        }
    }

    final ComparisonDefinition definition;
    final int slot;
    final int swapSlot;
    final LevelKind[] kinds;
    /** the kinds' ordinals: a switch on ints is cheaper than on enums */
    final int[] codes;

    final double[] arguments;
    /** the lowest Jaro-Winkler threshold of the levels, 2 when there is none */
    final double jaroWinklerMinimum;

    final int metaphoneAt;
    final int dateAt;
    final int numberAt;
    final int tokensAt;

    CompiledComparison(ComparisonDefinition definition, Layout layout) {
        this.definition = definition;
        Layout.Slot s = layout.slot(definition.attribute());
        this.slot = s.index;
        this.swapSlot = definition.swappedWith() == null ? -1 : layout.slot(definition.swappedWith()).index;
        List<LevelDefinition> levels = definition.levels();
        this.kinds = new LevelKind[levels.size()];
        this.codes = new int[levels.size()];
        this.arguments = new double[levels.size()];
        double minimum = 2;
        for (int i = 0; i < levels.size(); i++) {
            kinds[i] = levels.get(i).kind();
            codes[i] = kinds[i].ordinal();
            arguments[i] = levels.get(i).argument();
            if (kinds[i] == LevelKind.JARO_WINKLER) {
                minimum = Math.min(minimum, arguments[i]);
            }
        }
        this.jaroWinklerMinimum = minimum;
        this.metaphoneAt = s.position(Layout.Feature.METAPHONE);
        this.dateAt = s.position(Layout.Feature.DATE);
        this.numberAt = s.position(Layout.Feature.NUMBER);
        this.tokensAt = s.position(Layout.Feature.TOKENS);
    }

    int levelCount() {
        return kinds.length;
    }

    /** The index of the first level that holds for the pair; 0 ({@code missing}) when either value is empty. */
    int level(PreparedRecord a, PreparedRecord b, StringMetrics.Scratch scratch) {
        char[] ta = a.text;
        char[] tb = b.text;
        int as = ta[slot];
        int al = ta[slot + 1] - as;
        int bs = tb[slot];
        int bl = tb[slot + 1] - bs;
        if (al == 0 || bl == 0) {
            return 0;
        }
        double jaroWinkler = -1;
        double jaccard = -1;
        for (int i = 0; i < kinds.length; i++) {
            boolean holds =
                    switch (codes[i]) {
                        case K_MISSING -> false;
                        case K_ELSE -> true;
                        case K_EXACT -> StringMetrics.equal(ta, as, al, tb, bs, bl);
                        case K_SWAPPED -> swapped(a, b);
                        case K_JARO_WINKLER -> {
                            if (jaroWinkler < 0) {
                                jaroWinkler = StringMetrics.jaroWinklerAtLeast(
                                        ta, as, al, tb, bs, bl, jaroWinklerMinimum, scratch);
                            }
                            yield jaroWinkler >= arguments[i];
                        }
                        case K_LEVENSHTEIN ->
                            StringMetrics.editDistance(ta, as, al, tb, bs, bl, (int) arguments[i], false, scratch)
                                    <= arguments[i];
                        case K_DAMERAU_LEVENSHTEIN ->
                            StringMetrics.editDistance(ta, as, al, tb, bs, bl, (int) arguments[i], true, scratch)
                                    <= arguments[i];
                        case K_JACCARD -> {
                            if (jaccard < 0) {
                                jaccard = StringMetrics.jaccard(
                                        a.ints,
                                        a.ints[tokensAt],
                                        a.ints[tokensAt + 1],
                                        b.ints,
                                        b.ints[tokensAt],
                                        b.ints[tokensAt + 1]);
                            }
                            yield jaccard >= arguments[i];
                        }
                        case K_OVERLAP ->
                            StringMetrics.overlap(
                                            a.ints,
                                            a.ints[tokensAt],
                                            a.ints[tokensAt + 1],
                                            b.ints,
                                            b.ints[tokensAt],
                                            b.ints[tokensAt + 1])
                                    >= arguments[i];
                        case K_TOKEN_SUBSET ->
                            StringMetrics.subset(
                                    a.ints,
                                    a.ints[tokensAt],
                                    a.ints[tokensAt + 1],
                                    b.ints,
                                    b.ints[tokensAt],
                                    b.ints[tokensAt + 1]);
                        case K_INITIALS -> initials(ta, as, al, tb, bs, bl) || initials(tb, bs, bl, ta, as, al);
                        case K_DOUBLE_METAPHONE -> metaphone(a.ints, b.ints);
                        case K_PREFIX -> prefix(ta, as, al, tb, bs, bl, (int) arguments[i]);
                        case K_EMAIL_LOCAL -> emailLocal(ta, as, al, tb, bs, bl);
                        case K_PHONE_SUFFIX -> suffix(ta, as, al, tb, bs, bl, (int) arguments[i]);
                        case K_TRANSPOSED_DAY_MONTH -> transposed(a.ints[dateAt], b.ints[dateAt]);
                        case K_ONE_DIGIT -> oneDigit(a.ints[dateAt], b.ints[dateAt]);
                        case K_SAME_YEAR -> a.ints[dateAt] != 0 && a.ints[dateAt] / 10_000 == b.ints[dateAt] / 10_000;
                        case K_WITHIN_YEARS ->
                            a.ints[dateAt] != 0
                                    && b.ints[dateAt] != 0
                                    && Math.abs(a.ints[dateAt] / 10_000 - b.ints[dateAt] / 10_000) <= arguments[i];
                        case K_WITHIN_DAYS ->
                            a.ints[dateAt + 1] != Integer.MIN_VALUE
                                    && b.ints[dateAt + 1] != Integer.MIN_VALUE
                                    && Math.abs((long) a.ints[dateAt + 1] - b.ints[dateAt + 1]) <= arguments[i];
                        case K_ABSOLUTE -> Math.abs(number(a) - number(b)) <= arguments[i];
                        case K_RELATIVE -> {
                            double x = number(a);
                            double y = number(b);
                            yield Math.abs(x - y) <= arguments[i] * Math.max(Math.abs(x), Math.abs(y));
                        }
                        default -> throw new IllegalStateException("level kind " + codes[i]);
                    };
            if (holds) {
                return i;
            }
        }
        return kinds.length - 1;
    }

    private boolean swapped(PreparedRecord a, PreparedRecord b) {
        char[] ta = a.text;
        char[] tb = b.text;
        int aFirst = ta[slot];
        int aFirstLength = ta[slot + 1] - aFirst;
        int aOther = ta[swapSlot];
        int aOtherLength = ta[swapSlot + 1] - aOther;
        int bFirst = tb[slot];
        int bFirstLength = tb[slot + 1] - bFirst;
        int bOther = tb[swapSlot];
        int bOtherLength = tb[swapSlot + 1] - bOther;
        return aOtherLength > 0
                && bOtherLength > 0
                && StringMetrics.equal(ta, aFirst, aFirstLength, tb, bOther, bOtherLength)
                && StringMetrics.equal(ta, aOther, aOtherLength, tb, bFirst, bFirstLength);
    }

    /** Whether {@code a} is initials only (words of one letter) and they start the other's words in order. */
    static boolean initials(char[] a, int as, int al, char[] b, int bs, int bl) {
        int words = 0;
        for (int i = 0; i < al; i++) {
            char c = a[as + i];
            if (c == ' ') {
                continue;
            }
            if (i + 1 < al && a[as + i + 1] != ' ') {
                return false;
            }
            words++;
        }
        if (words == 0) {
            return false;
        }
        int j = 0;
        for (int i = 0; i < al; i++) {
            char c = a[as + i];
            if (c == ' ') {
                continue;
            }
            while (j < bl && b[bs + j] == ' ') {
                j++;
            }
            if (j >= bl || b[bs + j] != c) {
                return false;
            }
            while (j < bl && b[bs + j] != ' ') {
                j++;
            }
        }
        return true;
    }

    private boolean metaphone(int[] a, int[] b) {
        int a1 = a[metaphoneAt];
        int a2 = a[metaphoneAt + 1];
        int b1 = b[metaphoneAt];
        int b2 = b[metaphoneAt + 1];
        return (a1 != 0 && (a1 == b1 || a1 == b2)) || (a2 != 0 && (a2 == b1 || a2 == b2));
    }

    private static boolean prefix(char[] a, int as, int al, char[] b, int bs, int bl, int n) {
        int length = Math.min(n, Math.min(al, bl));
        if (length < n && al != bl) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean emailLocal(char[] a, int as, int al, char[] b, int bs, int bl) {
        int i = 0;
        while (i < al && i < bl && a[as + i] == b[bs + i]) {
            if (a[as + i] == '@') {
                return i > 0;
            }
            i++;
        }
        return false;
    }

    private static boolean suffix(char[] a, int as, int al, char[] b, int bs, int bl, int n) {
        if (al < n || bl < n) {
            return false;
        }
        for (int i = 1; i <= n; i++) {
            if (a[as + al - i] != b[bs + bl - i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean transposed(int a, int b) {
        if (a == 0 || b == 0 || a == b) {
            return false;
        }
        int yearA = a / 10_000;
        int monthA = a / 100 % 100;
        int dayA = a % 100;
        int yearB = b / 10_000;
        int monthB = b / 100 % 100;
        int dayB = b % 100;
        return yearA == yearB && monthA == dayB && dayA == monthB;
    }

    /** yyyymmdd differing in one digit, or in two neighbouring digits that are swapped (1985, 1958). */
    static boolean oneDigit(int a, int b) {
        if (a == 0 || b == 0 || a == b) {
            return false;
        }
        int differences = 0;
        int firstPosition = -1;
        int firstA = 0;
        int firstB = 0;
        int secondPosition = -1;
        int secondA = 0;
        int secondB = 0;
        for (int i = 0; i < 8; i++) {
            int x = a % 10;
            int y = b % 10;
            a /= 10;
            b /= 10;
            if (x != y) {
                differences++;
                if (differences == 1) {
                    firstPosition = i;
                    firstA = x;
                    firstB = y;
                } else if (differences == 2) {
                    secondPosition = i;
                    secondA = x;
                    secondB = y;
                } else {
                    return false;
                }
            }
        }
        return differences == 1 || (secondPosition == firstPosition + 1 && firstA == secondB && secondA == firstB);
    }

    private double number(PreparedRecord r) {
        long bits = ((long) r.ints[numberAt] << 32) | (r.ints[numberAt + 1] & 0xFFFFFFFFL);
        return Double.longBitsToDouble(bits);
    }
}
