package org.amalgam.standardize;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates to ISO-8601 ({@code yyyy-MM-dd}).
 *
 * <p>Without a pattern it reads: ISO dates, also with a time ({@code 2024-02-29T13:45:00Z}, {@code 2024-02-29
 * 13:45}: the date as written, no time-zone conversion); compact {@code yyyyMMdd}; {@code yyyy/M/d} and {@code
 * yyyy.M.d}; numeric day-month-year with {@code .}, {@code /} or {@code -} (day first, unless the order is {@link
 * Order#MONTH_FIRST}); and English month names: {@code 5 Jan 1980}, {@code 05-JAN-1980}, {@code 5th January, 1980},
 * {@code Jan 5, 1980}, {@code Tuesday, January 5, 1980}. Years have four digits; a two-digit year needs an explicit
 * pattern, which says how to read it.
 *
 * <p>An explicit pattern (from a mapping) replaces the built-in forms. Month names in it are English and read in any
 * case. With a two-digit year, a date that would lie in the future is taken from the century before (birth dates,
 * contract dates).
 *
 * <p>Impossible dates ({@code 1999-13-40}, {@code 29.02.2023}) are refused with a reason. The built-in forms are read
 * without exceptions or formatters, as the bulk path reads millions of dates.
 */
public final class DateStandardizer implements Standardizer {

    /** How a numeric date with separators, such as {@code 05/01/1980}, is read. */
    public enum Order {
        DAY_FIRST,
        MONTH_FIRST;

        /** Reads {@code dmy}/{@code day_first} or {@code mdy}/{@code month_first}, in any case. */
        public static Order of(String order) {
            return switch (order.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "dmy", "day_first" -> DAY_FIRST;
                case "mdy", "month_first" -> MONTH_FIRST;
                default -> throw new IllegalArgumentException("date order '" + order + "' is not one of dmy, mdy");
            };
        }
    }

    private static final String TIME =
            "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?\\s?(?:Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?)?";
    private static final Pattern TIME_ONLY = Pattern.compile(TIME);
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})" + TIME);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})([./])(\\d{1,2})\\2(\\d{1,2})" + TIME);
    private static final Pattern YEAR_LAST = Pattern.compile("(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})" + TIME);
    private static final String WEEKDAY = "(?:([a-z]+)\\.?,?\\s+)?";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(
            WEEKDAY + "(\\d{1,2})" + ORDINAL + "\\.?[\\s-]*(?:of\\s+)?([a-z]{3,9})\\.?,?[\\s-]*(\\d{4})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_NAME_DAY = Pattern.compile(
            WEEKDAY + "([a-z]{3,9})\\.?\\s*(\\d{1,2})" + ORDINAL + "(?:,\\s*|\\s+)(\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Set<String> WEEKDAYS = new HashSet<>();

    static {
        for (Month month : Month.values()) {
            MONTHS.put(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), month.getValue());
            MONTHS.put(
                    month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), month.getValue());
        }
        MONTHS.put("sept", 9);
        for (DayOfWeek day : DayOfWeek.values()) {
            WEEKDAYS.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT));
            WEEKDAYS.add(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT));
        }
    }

    private final DateTimeFormatter explicit;
    private final boolean twoDigitYear;
    private final Order order;

    /** Built-in forms, day first. */
    public DateStandardizer() {
        this(null, Order.DAY_FIRST);
    }

    /**
     * @param pattern a {@link DateTimeFormatter} pattern such as {@code yyyyMMdd} or {@code dd.MM.yy}, or null for the
     *     built-in forms
     * @throws IllegalArgumentException if the pattern is not a valid pattern
     */
    public DateStandardizer(String pattern) {
        this(pattern, Order.DAY_FIRST);
    }

    /**
     * @param pattern an explicit pattern, or null for the built-in forms
     * @param order how the built-in forms read a numeric date with separators
     */
    public DateStandardizer(String pattern, Order order) {
        this.explicit = pattern == null
                ? null
                : new DateTimeFormatterBuilder()
                        .parseCaseInsensitive()
                        .appendPattern(prolepticYears(pattern))
                        .toFormatter(Locale.ENGLISH)
                        .withResolverStyle(ResolverStyle.STRICT);
        this.twoDigitYear = pattern != null && pattern.contains("yy") && !pattern.contains("yyy");
        this.order = order;
    }

    @Override
    public String name() {
        return "date";
    }

    @Override
    public Standardized apply(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        return explicit != null ? applyPattern(text) : applyBuiltIn(text);
    }

    private Standardized applyBuiltIn(String text) {
        if (isPlainIso(text)) {
            // yyyy-MM-dd, most dates of a load: read without a regular expression
            return date(text, digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        }
        Matcher m;
        if (Character.isDigit(text.charAt(0))) {
            if ((m = ISO.matcher(text)).matches()) {
                return date(text, m.group(1), m.group(2), m.group(3));
            }
            if ((m = COMPACT.matcher(text)).matches()) {
                return date(text, m.group(1), m.group(2), m.group(3));
            }
            if ((m = YEAR_FIRST.matcher(text)).matches()) {
                return date(text, m.group(1), m.group(3), m.group(4));
            }
            if ((m = YEAR_LAST.matcher(text)).matches()) {
                return order == Order.DAY_FIRST
                        ? date(text, m.group(4), m.group(3), m.group(1))
                        : date(text, m.group(4), m.group(1), m.group(3));
            }
        }
        if ((m = DAY_MONTH_NAME.matcher(text)).matches() && isWeekday(m.group(1))) {
            Integer month = MONTHS.get(m.group(3).toLowerCase(Locale.ROOT));
            if (month != null) {
                return date(text, Integer.parseInt(m.group(4)), month, Integer.parseInt(m.group(2)));
            }
        } else if ((m = MONTH_NAME_DAY.matcher(text)).matches() && isWeekday(m.group(1))) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month != null) {
                return date(text, Integer.parseInt(m.group(4)), month, Integer.parseInt(m.group(3)));
            }
        }
        return Standardized.invalid(Standardized.quote(text) + " is not a valid date (use yyyy-MM-dd)");
    }

    private static boolean isPlainIso(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static boolean isWeekday(String word) {
        return word == null || WEEKDAYS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static Standardized date(String text, String year, String month, String day) {
        return date(text, Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }

    private static Standardized date(String text, int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12) {
            return Standardized.invalid(Standardized.quote(text) + " is not a valid date (there is no month " + month
                    + (year < 1 ? " or year " + year : "") + ")");
        }
        Month named = Month.of(month);
        if (day < 1 || day > named.length(Year.isLeap(year))) {
            return Standardized.invalid(Standardized.quote(text) + " is not a valid date (there is no " + day + " "
                    + named.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + ")");
        }
        return Standardized.of(LocalDate.of(year, month, day).toString());
    }

    private Standardized applyPattern(String text) {
        ParsePosition position = new ParsePosition(0);
        // parseUnresolved reports a mismatch without an exception; only impossible dates throw below
        if (explicit.parseUnresolved(text, position) != null
                && position.getErrorIndex() < 0
                && TIME_ONLY
                        .matcher(text)
                        .region(position.getIndex(), text.length())
                        .matches()) {
            try {
                TemporalAccessor parsed = explicit.parse(text.substring(0, position.getIndex()));
                LocalDate date = LocalDate.from(parsed);
                if (twoDigitYear && date.isAfter(LocalDate.now())) {
                    date = date.minusYears(100);
                }
                return Standardized.of(date.toString());
            } catch (DateTimeException e) {
                // an impossible date such as 30 February
            }
        }
        return Standardized.invalid(Standardized.quote(text) + " is not a valid date in the format of the mapping");
    }

    /**
     * Strict resolving needs the proleptic year {@code u}; people write {@code y} (year of era). Quoted text is left
     * alone.
     */
    static String prolepticYears(String pattern) {
        StringBuilder result = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            result.append(!quoted && c == 'y' ? 'u' : c);
        }
        return result.toString();
    }
}
