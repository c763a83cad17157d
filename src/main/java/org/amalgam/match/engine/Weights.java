package org.amalgam.match.engine;

/** Conversions between probabilities and match weights in bits. */
final class Weights {

    private Weights() {}

    /** log2(p / (1 - p)); probabilities at 0 or 1 give a large finite weight. */
    static double bits(double probability) {
        double p = Math.min(Math.max(probability, 1e-15), 1 - 1e-15);
        return log2(p / (1 - p));
    }

    /** 2^bits / (1 + 2^bits). */
    static double probability(double bits) {
        if (bits > 60) {
            return 1.0;
        }
        if (bits < -60) {
            return 0.0;
        }
        double odds = Math.pow(2, bits);
        return odds / (1 + odds);
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    private static final double LN2 = Math.log(2);
}
