package org.amalgam.bench;

import java.util.SplittableRandom;

/**
 * Birth dates, kept as ISO {@code yyyy-MM-dd} and written in a source's own format. Every format here is one that
 * Amalgam's date standardizer reads without a mapping (day first where the day and month could be confused).
 */
final class Dates {

    static final int ISO = 0;
    static final int COMPACT = 1;
    static final int DOTTED = 2;
    static final int SLASHED = 3;
    static final int SHORT_DOTTED = 4;
    static final int DASHED = 5;
    static final int YEAR_SLASHED = 6;
    static final int STYLES = 7;

    static final String[] PATTERNS = {
        "yyyy-MM-dd", "yyyyMMdd", "dd.MM.yyyy", "dd/MM/yyyy", "d.M.yyyy", "dd-MM-yyyy", "yyyy/MM/dd"
    };

    private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Dates() {}

    /** Ages 18 to 95 at the time of writing, most of them between 30 and 70. */
    static String birthDate(SplittableRandom random) {
        double u = random.nextBoolean() ? random.nextDouble() : (random.nextDouble() + random.nextDouble()) / 2;
        int year = 1930 + (int) (u * 78);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(daysIn(year, month));
        return iso(year, month, day);
    }

    static int daysIn(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS[month - 1];
    }

    static String iso(int year, int month, int day) {
        StringBuilder out = new StringBuilder(10);
        out.append(year).append('-');
        two(out, month).append('-');
        return two(out, day).toString();
    }

    /**
     * A plausible wrong date for the same person: day and month swapped, a day or month a little off, the year one
     * off, or the last two digits of the year transposed.
     */
    static String mistake(SplittableRandom random, String iso) {
        int year = Integer.parseInt(iso, 0, 4, 10);
        int month = Integer.parseInt(iso, 5, 7, 10);
        int day = Integer.parseInt(iso, 8, 10, 10);
        switch (random.nextInt(4)) {
            case 0 -> {
                if (day <= 12 && day != month) {
                    return iso(year, day, month);
                }
                day = day > 14 ? day - 1 - random.nextInt(3) : day + 1 + random.nextInt(3);
            }
            case 1 -> month = month == 12 ? 11 : month + 1;
            case 2 -> year += random.nextBoolean() ? 1 : -1;
            default -> {
                int swapped = year / 100 * 100 + year % 10 * 10 + year / 10 % 10;
                year = swapped != year && swapped >= 1920 && swapped <= 2010 ? swapped : year - 10;
            }
        }
        return iso(year, month, Math.min(day, daysIn(year, month)));
    }

    static void append(StringBuilder out, String iso, int style) {
        if (iso.length() != 10 || iso.charAt(4) != '-') {
            out.append(iso);
            return;
        }
        String year = iso.substring(0, 4);
        String month = iso.substring(5, 7);
        String day = iso.substring(8, 10);
        switch (style) {
            case ISO -> out.append(iso);
            case COMPACT -> out.append(year).append(month).append(day);
            case DOTTED -> out.append(day).append('.').append(month).append('.').append(year);
            case SLASHED ->
                out.append(day).append('/').append(month).append('/').append(year);
            case SHORT_DOTTED ->
                out.append(Integer.parseInt(day))
                        .append('.')
                        .append(Integer.parseInt(month))
                        .append('.')
                        .append(year);
            case DASHED -> out.append(day).append('-').append(month).append('-').append(year);
            case YEAR_SLASHED ->
                out.append(year).append('/').append(month).append('/').append(day);
            default -> throw new IllegalArgumentException("date style " + style);
        }
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
