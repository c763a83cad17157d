package org.amalgam.standardize;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The regions a phone number without a country code can be read in: ISO 3166-1 alpha-2 countries that have a
 * telephone numbering plan of their own (not Antarctica or Bouvet Island, for example). A source system's default
 * phone region is one of them.
 */
public final class PhoneRegions {

    private static final SortedSet<String> CODES =
            codes(PhoneNumberUtil.getInstance().getSupportedRegions());

    private PhoneRegions() {}

    /** Every such region's alpha-2 code in upper case, in alphabetical order. */
    public static SortedSet<String> all() {
        return CODES;
    }

    /**
     * The region in upper case when the code is the alpha-2 code of such a region in any case ({@code de} →
     * {@code DE}), else null.
     */
    public static String of(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        return CODES.contains(upper) ? upper : null;
    }

    private static SortedSet<String> codes(Set<String> numberingPlans) {
        SortedSet<String> codes = new TreeSet<>();
        for (String country : Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2)) {
            if (numberingPlans.contains(country) && CountryStandardizer.iso2(country) != null) {
                codes.add(country);
            }
        }
        return Collections.unmodifiableSortedSet(codes);
    }
}
