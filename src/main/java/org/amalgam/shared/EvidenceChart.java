package org.amalgam.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A match explanation as a bar chart a page can draw without inline styles: one row per term (the prior first), its
 * bar to the left when it counts against the match and to the right when it counts for it, its length in twentieths
 * of the longest bar ({@code bar-w-0} … {@code bar-w-20} in the style sheet). The bits of the rows add up to {@code
 * bits}.
 *
 * @param bits the match weight, prior included
 * @param probability the match probability, or null when the explanation has none
 * @param band SAME, POSSIBLE or DIFFERENT, or null
 * @param rows the terms, in the explanation's order
 */
public record EvidenceChart(double bits, Double probability, String band, List<Row> rows) {

    /** Bar lengths are in steps of a twentieth of the longest bar. */
    static final int STEPS = 20;

    /**
     * One term of the score.
     *
     * @param comparison the comparison's name, or {@code prior}
     * @param level the level the pair reached
     * @param bits its weight
     * @param a the first record's value, or null
     * @param b the second record's value, or null
     * @param against the length of its bar against the match (0 when it counts for it), 0 to {@link #STEPS}
     * @param forMatch the length of its bar for the match (0 when it counts against it), 0 to {@link #STEPS}
     */
    public record Row(String comparison, String level, double bits, String a, String b, int against, int forMatch) {

        public boolean prior() {
            return "prior".equals(comparison);
        }
    }

    /**
     * The chart of an explanation as the matcher gives it ({@code bits}, {@code probability}, {@code band} and {@code
     * contributions}, each with {@code comparison}, {@code level}, {@code bits}, {@code a} and {@code b}); null when
     * there is none or it has no contributions.
     */
    public static EvidenceChart of(Object evidence) {
        if (!(evidence instanceof Map<?, ?> document) || !(document.get("contributions") instanceof List<?> terms)) {
            return null;
        }
        List<Map<?, ?>> contributions = new ArrayList<>();
        double longest = 0;
        double total = 0;
        for (Object term : terms) {
            if (term instanceof Map<?, ?> contribution) {
                contributions.add(contribution);
                double bits = number(contribution.get("bits"));
                longest = Math.max(longest, Math.abs(bits));
                total += bits;
            }
        }
        if (contributions.isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>(contributions.size());
        for (Map<?, ?> contribution : contributions) {
            double bits = number(contribution.get("bits"));
            int length = longest == 0 ? 0 : (int) Math.round(Math.abs(bits) / longest * STEPS);
            if (length == 0 && bits != 0) {
                // a weight too small to see next to the longest still shows
                length = 1;
            }
            rows.add(new Row(
                    text(contribution.get("comparison")),
                    text(contribution.get("level")),
                    bits,
                    text(contribution.get("a")),
                    text(contribution.get("b")),
                    bits < 0 ? length : 0,
                    bits > 0 ? length : 0));
        }
        Object bits = document.get("bits");
        Object probability = document.get("probability");
        return new EvidenceChart(
                bits instanceof Number n ? n.doubleValue() : total,
                probability instanceof Number p ? p.doubleValue() : null,
                text(document.get("band")),
                rows);
    }

    private static double number(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : 0;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
