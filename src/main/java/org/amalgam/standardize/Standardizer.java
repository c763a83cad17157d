package org.amalgam.standardize;

/** Turns one raw value into its standard form. Implementations are small, immutable, thread-safe and named. */
public interface Standardizer {

    /** The name used in models, e.g. {@code email}. */
    String name();

    /** Standardizes a value that is not null; blank input answers {@link Standardized#empty()}. */
    Standardized apply(String value);

    /**
     * Standardizes a value with what is known about its source and record (default phone region, country). Most
     * standardizers do not need it.
     */
    default Standardized apply(String value, StandardizationContext context) {
        return apply(value);
    }
}
