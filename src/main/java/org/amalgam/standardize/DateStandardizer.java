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

    public DateStandardizer() {
        this(null);
    }

    public DateStandardizer(String pattern) {
        this.explicit = pattern == null ? null : strict(pattern.replace("yyyy", "uuuu"));
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
                return Standardized.of(LocalDate.parse(text, format).toString());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Standardized.invalid("'" + value.strip() + "' is not a valid date"
                + (explicit != null ? " in the format of the mapping" : " (use yyyy-MM-dd)"));
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}
