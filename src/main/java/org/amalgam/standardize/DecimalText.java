package org.amalgam.standardize;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads the digits of a number written with grouping and a decimal separator, in either convention ({@code 1.234,56}
 * or {@code 1,234.56}), into a {@link BigDecimal}.
 *
 * <p>With {@link #AUTO}: when both {@code .} and {@code ,} appear, the last one is the decimal separator. When only one
 * appears, more than once it is grouping ({@code 1.234.567}); once, it is grouping if exactly three digits follow and
 * one to three non-zero-led digits precede ({@code 1.234} is 1234, as prices rarely have three decimals), otherwise
 * decimal ({@code 12,5}, {@code 0.125}, {@code 1234.567}). Groups must have three digits (two are allowed before the
 * last group, for lakh grouping {@code 1,23,456}). Spaces and apostrophes ({@code 1'234.50}) are grouping too.
 */
enum DecimalText {
    AUTO,
    POINT,
    COMMA;

    private static final Pattern SCIENTIFIC = Pattern.compile("\\d+(?:\\.\\d+)?[eE][+-]?\\d{1,3}");

    /** The decimal separator named by a format: its last {@code .} or {@code ,}, else AUTO. */
    static DecimalText of(String format) {
        if (format == null) {
            return AUTO;
        }
        int point = format.lastIndexOf('.');
        int comma = format.lastIndexOf(',');
        if (point < 0 && comma < 0) {
            return AUTO;
        }
        return point > comma ? POINT : COMMA;
    }

    /** Reads an option value {@code auto}, {@code .} or {@code ,}. */
    static DecimalText option(String value) {
        return switch (value.strip()) {
            case "auto", "" -> AUTO;
            case ".", "point", "dot" -> POINT;
            case ",", "comma" -> COMMA;
            default ->
                throw new IllegalArgumentException("decimal separator '" + value + "' is not one of auto, '.', ','");
        };
    }

    /** The unsigned number, or null when the text is not one. */
    BigDecimal read(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (SCIENTIFIC.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        StringBuilder digits = new StringBuilder(text.length());
        char decimal = decimalSeparator(text);
        int groupDigits = -1; // digits since the last grouping character; -1 before the first one
        int leadingDigits = 0;
        boolean fraction = false;
        int separators = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                if (groupDigits >= 0) {
                    groupDigits++;
                } else if (!fraction) {
                    leadingDigits++;
                }
            } else if (c == decimal && !fraction) {
                if (groupDigits >= 0 && groupDigits != 3 || digits.isEmpty() && i + 1 == text.length()) {
                    return null;
                }
                digits.append('.');
                fraction = true;
                groupDigits = -1;
            } else if (!fraction && (c == '.' || c == ',' || c == ' ' || c == '\'' || c == '\u2019')) {
                boolean firstGroup = groupDigits < 0;
                if (firstGroup ? leadingDigits < 1 || leadingDigits > 3 : groupDigits != 2 && groupDigits != 3) {
                    return null;
                }
                separators++;
                groupDigits = 0;
            } else {
                return null;
            }
        }
        if (separators > 0 && groupDigits >= 0 && groupDigits != 3) {
            return null;
        }
        if (digits.isEmpty() || digits.charAt(digits.length() - 1) == '.' && digits.length() == 1) {
            return null;
        }
        return new BigDecimal(digits.toString());
    }

    private char decimalSeparator(String text) {
        if (this == POINT) {
            return '.';
        }
        if (this == COMMA) {
            return ',';
        }
        int point = text.lastIndexOf('.');
        int comma = text.lastIndexOf(',');
        if (point >= 0 && comma >= 0) {
            return point > comma ? '.' : ',';
        }
        int at = Math.max(point, comma);
        if (at < 0) {
            return 0;
        }
        char separator = text.charAt(at);
        if (text.indexOf(separator) != at) {
            return 0; // appears more than once: grouping
        }
        int after = text.length() - at - 1;
        boolean grouping = after == 3 && at >= 1 && at <= 3 && text.charAt(0) != '0' && allDigits(text, 0, at);
        return grouping ? 0 : separator;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A plain decimal string without trailing zeros: {@code 1234.5}, {@code 12}. */
    static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
