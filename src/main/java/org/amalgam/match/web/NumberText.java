package org.amalgam.match.web;

import java.util.Locale;

/** Numbers of the weight table as the page writes them: probabilities in 4 places or as 1.2e-06, weights signed. */
public final class NumberText {

    static final NumberText INSTANCE = new NumberText();

    private NumberText() {}

    /** A probability: {@code 0.8500}, or {@code 1.00e-06} when it is too small for four places. */
    public String probability(double value) {
        if (value == 0 || value >= 0.001) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
        return String.format(Locale.ROOT, "%.2e", value);
    }

    /** A weight in bits with its sign: {@code +9.73}, {@code −3.17}, {@code 0.00}. */
    public String bits(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        if (rounded == 0) {
            return "0.00";
        }
        return (rounded > 0 ? "+" : "\u2212") + String.format(Locale.ROOT, "%.2f", Math.abs(rounded));
    }

    /** A count with thousands separators: {@code 12,345}. */
    public String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
