package org.amalgam.standardize;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Trimmed, lower-case e-mail address. Takes the address out of {@code mailto:}, surrounding quotes or angle brackets
 * and the {@code Ann Lee <ann@example.com>} form; refuses, with a reason, a value with a space, without exactly one
 * {@code @}, or with a domain that has no top-level part.
 *
 * <p>The local part is lower-cased too: it may be case-sensitive by the letter of RFC 5321, but no mail system in
 * use treats it so, and the address must compare equal across sources.
 */
public final class EmailStandardizer implements Standardizer {

    static final int MAX_LENGTH = 254;

    private static final String ATOM = "[^@\\s\"(),:;<>\\[\\]\\\\.]+";
    private static final Pattern ADDRESS =
            Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@(?:" + ATOM + "\\.)+[^@\\s\"(),:;<>\\[\\]\\\\.0-9]{2,}");
    private static final String MAILTO = "mailto:";

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Standardized apply(String value) {
        String email = unwrap(value.strip());
        if (email.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
            email = email.substring(MAILTO.length()).strip();
        }
        if (email.isEmpty()) {
            return Standardized.empty();
        }
        if (email.length() > MAX_LENGTH) {
            // RFC 5321 allows 254 characters; a longer value is no address and would not fit an index either
            return Standardized.invalid(
                    "an e-mail address has at most " + MAX_LENGTH + " characters, this one has " + email.length());
        }
        email = email.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(email).matches()) {
            return Standardized.invalid(
                    Standardized.quote(value.strip()) + " is not an e-mail address" + reason(email));
        }
        return Standardized.of(email);
    }

    /** {@code <a@b.c>}, {@code "a@b.c"}, {@code 'a@b.c'} and {@code Ann <a@b.c>} give {@code a@b.c}. */
    private static String unwrap(String text) {
        String result = text;
        int length = result.length();
        if (length > 1 && result.charAt(length - 1) == '>') {
            int open = result.lastIndexOf('<');
            if (open >= 0) {
                result = result.substring(open + 1, length - 1).strip();
            }
        }
        while (result.length() > 1
                && isQuote(result.charAt(0))
                && result.charAt(result.length() - 1) == result.charAt(0)) {
            result = result.substring(1, result.length() - 1).strip();
        }
        return result;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static String reason(String email) {
        int ats = 0;
        for (int i = 0; i < email.length(); i++) {
            if (email.charAt(i) == '@') {
                ats++;
            }
        }
        if (ats == 0) {
            return " (it has no @)";
        }
        if (ats > 1) {
            return " (it has " + ats + " @)";
        }
        for (int i = 0; i < email.length(); i++) {
            if (Character.isWhitespace(email.charAt(i))) {
                return " (it contains a space)";
            }
        }
        return "";
    }
}
