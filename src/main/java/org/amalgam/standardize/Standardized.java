package org.amalgam.standardize;

/**
 * The result of standardizing one value: either the standard form, or nothing with the reason the value was not
 * accepted. An empty input gives neither a value nor an issue.
 */
public record Standardized(String value, String issue) {

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
}
