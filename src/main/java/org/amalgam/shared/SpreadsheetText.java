package org.amalgam.shared;

import java.util.regex.Pattern;

/** Text written into a CSV file that people open in a spreadsheet. */
public final class SpreadsheetText {

    private static final Pattern NUMBER_LIKE = Pattern.compile("[+-][0-9 ().,/-]*");

    private SpreadsheetText() {}

    /**
     * A spreadsheet must not run a formula that a source sent as a value ({@code =cmd|' /C calc'!A0}): such a value gets
     * a leading apostrophe, which shows it as text. A signed number or phone number (such as {@code +49 30 1234}) is
     * data, not a formula, and stays as it is.
     */
    public static String neutralizeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r';
        boolean signed =
                (first == '+' || first == '-') && !NUMBER_LIKE.matcher(value).matches();
        return formula || signed ? "'" + value : value;
    }
}
