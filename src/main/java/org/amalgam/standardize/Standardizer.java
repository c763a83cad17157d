package org.amalgam.standardize;

/** Turns one raw value into its standard form. Implementations are small, stateless and named. */
public interface Standardizer {

    /** The name used in models, e.g. {@code email}. */
    String name();

    /** Standardizes a value that is not null; blank input answers {@link Standardized#empty()}. */
    Standardized apply(String value);
}
