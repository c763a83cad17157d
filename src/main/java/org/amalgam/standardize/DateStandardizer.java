package org.amalgam.standardize;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * Dates to ISO-8601 ({@code yyyy-MM-dd}). Accepts ISO dates, compact {@code yyyyMMdd}, and day-first forms with
 * {@code .}, {@code /} or {@code -}; an explicit pattern (from a mapping) takes precedence.
 */
public final class DateStandardizer implements Standardizer {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            strict("uuuu-MM-dd"),
            strict("uuuuMMdd"),
            strict("d.M.uuuu"),
            strict("d/M/uuuu"),
            strict("d-M-uuuu"),
            strict("uuuu/M/d"));

    private final DateTimeFormatter explicit;
    private final boolean twoDigitYear;

    public DateStandardizer() {
        this(null);
    }

    /**
     * @param pattern a {@link DateTimeFormatter} pattern such as {@code yyyyMMdd} or {@code dd.MM.yy}; with a two-digit
     *     year, a date that would lie in the future is taken from the century before (birth dates, contract dates)
     */
    public DateStandardizer(String pattern) {
        this.explicit = pattern == null ? null : strict(prolepticYears(pattern));
        this.twoDigitYear = pattern != null && pattern.contains("yy") && !pattern.contains("yyy");
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
        if (text.length() > 10 && text.charAt(10) == 'T') {
            text = text.substring(0, 10);
        }
        for (DateTimeFormatter format : explicit != null ? List.of(explicit) : FORMATS) {
            try {
                LocalDate date = LocalDate.parse(text, format);
                if (twoDigitYear && date.isAfter(LocalDate.now())) {
                    date = date.minusYears(100);
                }
                return Standardized.of(date.toString());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Standardized.invalid("'" + value.strip() + "' is not a valid date"
                + (explicit != null ? " in the format of the mapping" : " (use yyyy-MM-dd)"));
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

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}
