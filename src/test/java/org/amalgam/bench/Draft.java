package org.amalgam.bench;

import java.util.Arrays;

/**
 * One record being generated: the entity's values (canonical: ISO dates, {@code "<area> <subscriber>"} phones,
 * ISO-2 countries), possibly corrupted, plus the context a source needs to write it. Reused for every record.
 */
final class Draft {

    final String[] values;
    Country country;
    Country.City city;
    Country.LegalForm legalForm;
    boolean female;

    /** 0: write the value in the source's own format; n: in the n-th other format (a per-record deviation). */
    int dateShift;

    int phoneShift;
    int websiteShift;

    Draft(int attributes) {
        values = new String[attributes];
    }

    void reset() {
        Arrays.fill(values, "");
        country = null;
        city = null;
        legalForm = null;
        female = false;
        dateShift = 0;
        phoneShift = 0;
        websiteShift = 0;
    }

    boolean has(int attribute) {
        return !values[attribute].isEmpty();
    }
}
