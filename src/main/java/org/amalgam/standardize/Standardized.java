package org.amalgam.standardize;

/**
 * The result of standardizing one value: either the standard form, or nothing with the reason the value was not
 * accepted. An empty input gives neither a value nor an issue.
 */
public record Standardized(String value, String issue) {

    private static final int MAX_QUOTED = 100;

    public static Standardized of(String value) {
        return new Standardized(value, null);
    }

    public static Standardized empty() {
        return new Standardized(null, null);
    }

    public static Standardized invalid(String issue) {
        return new Standardized(null, issue);
    }

    public boolean hasValue() {
        return value != null;
    }

    /**
     * A value quoted for an issue; a very long one (a 10 MB field) is cut, so reasons stay readable and small.
     */
    static String quote(String value) {
        return value.length() <= MAX_QUOTED
                ? "'" + value + "'"
                : "'" + value.substring(0, MAX_QUOTED) + "…' (" + value.length() + " characters)";
    }
}
