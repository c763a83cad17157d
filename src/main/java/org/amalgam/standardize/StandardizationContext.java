package org.amalgam.standardize;

/**
 * What a standardizer may need beyond the value itself: the source's default region (its phone region), for phone
 * numbers written without a country code when the record has no country, and for a bare {@code $}; and the record's
 * country, for such phone numbers first and for postal code shapes. Both are ISO-3166 alpha-2 codes or null.
 *
 * <p>The default region is configuration, so one that names no country is refused; the country comes from the
 * record's data, so one that names no country is simply not known.
 *
 * @param defaultRegion the source's default region, e.g. {@code DE}
 * @param country the record's country, e.g. {@code NL}
 */
public record StandardizationContext(String defaultRegion, String country) {

    /** Nothing known beyond the value. */
    public static final StandardizationContext NONE = new StandardizationContext(null, null);

    public StandardizationContext {
        if (defaultRegion != null) {
            String region = CountryStandardizer.iso2(defaultRegion);
            if (region == null) {
                throw new IllegalArgumentException("'" + defaultRegion + "' is not an ISO-3166 country");
            }
            defaultRegion = region;
        }
        country = country == null ? null : CountryStandardizer.iso2(country);
    }

    /** A context for one source: its default region (ISO-2, ISO-3 or an English name), or null. */
    public static StandardizationContext ofRegion(String defaultRegion) {
        return defaultRegion == null ? NONE : new StandardizationContext(defaultRegion, null);
    }

    /** This context for a record of the given country (ISO-2, ISO-3 or a name; unknown values count as none). */
    public StandardizationContext withCountry(String country) {
        return new StandardizationContext(defaultRegion, country);
    }
}
