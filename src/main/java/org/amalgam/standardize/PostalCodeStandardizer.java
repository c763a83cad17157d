package org.amalgam.standardize;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal codes: trimmed, upper case, inner white space folded to one space. When the country is known, the record's
 * (from the {@link StandardizationContext}) or else this standardizer's own, the code is also brought into and checked
 * against that country's shape:
 *
 * <ul>
 *   <li>DE, FR: five digits; a four-digit code gets back the leading zero a spreadsheet took ({@code 1067} →
 *       {@code 01067}); the country prefixes {@code D-}, {@code DE-}, {@code F-}, {@code FR-} are removed;
 *   <li>US: ZIP or ZIP+4, {@code 12345} or {@code 12345-6789} (also from {@code 123456789}), leading zero restored;
 *   <li>GB: outward and inward code with one space, {@code SW1A 1AA};
 *   <li>NL: four digits and two letters with one space, {@code 1234 AB}.
 * </ul>
 *
 * A code that does not fit is refused with the expected shape; other countries are not checked.
 */
public final class PostalCodeStandardizer implements Standardizer {

    private static final Pattern GERMANY = Pattern.compile("(?:DE?-?)?(\\d{4,5})");
    private static final Pattern FRANCE = Pattern.compile("(?:FR?-?)?(\\d{4,5})");
    private static final Pattern ZIP = Pattern.compile("(\\d{4,5})(?:-?(\\d{4}))?");
    private static final Pattern UK = Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?|GIR)(\\d[A-Z]{2})");
    private static final Pattern NL = Pattern.compile("([1-9]\\d{3})([A-Z]{2})");

    private final String country;

    public PostalCodeStandardizer() {
        this(null);
    }

    /** @param country the country (ISO-2, ISO-3 or name) when the record gives none, or null */
    public PostalCodeStandardizer(String country) {
        if (country != null && CountryStandardizer.iso2(country) == null) {
            throw new IllegalArgumentException("postal code country '" + country + "' is not an ISO-3166 country");
        }
        this.country = country == null ? null : CountryStandardizer.iso2(country);
    }

    @Override
    public String name() {
        return "postal_code";
    }

    @Override
    public Standardized apply(String value) {
        return apply(value, StandardizationContext.NONE);
    }

    @Override
    public Standardized apply(String value, StandardizationContext context) {
        String code = TextStandardizer.fold(value).toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return Standardized.empty();
        }
        String of = context.country() != null ? context.country() : country;
        if (of == null) {
            return Standardized.of(code);
        }
        String compact = code.indexOf(' ') < 0 ? code : code.replace(" ", "");
        Matcher m;
        return switch (of) {
            case "DE" ->
                (m = GERMANY.matcher(compact)).matches()
                        ? Standardized.of(fiveDigits(m.group(1)))
                        : refused(value, of, "five digits");
            case "FR" ->
                (m = FRANCE.matcher(compact)).matches()
                        ? Standardized.of(fiveDigits(m.group(1)))
                        : refused(value, of, "five digits");
            case "US" ->
                (m = ZIP.matcher(compact)).matches()
                        ? Standardized.of(fiveDigits(m.group(1)) + (m.group(2) == null ? "" : "-" + m.group(2)))
                        : refused(value, of, "five digits, or five and four: 12345-6789");
            case "GB" ->
                (m = UK.matcher(compact)).matches()
                        ? Standardized.of(m.group(1) + " " + m.group(2))
                        : refused(value, of, "outward and inward code: SW1A 1AA");
            case "NL" ->
                (m = NL.matcher(compact)).matches()
                        ? Standardized.of(m.group(1) + " " + m.group(2))
                        : refused(value, of, "four digits and two letters: 1234 AB");
            default -> Standardized.of(code);
        };
    }

    private static String fiveDigits(String digits) {
        return digits.length() == 4 ? "0" + digits : digits;
    }

    private static Standardized refused(String value, String country, String shape) {
        return Standardized.invalid(Standardized.quote(value.strip()) + " is not a postal code of "
                + new Locale("", country).getDisplayCountry(Locale.ENGLISH) + " (" + shape + ")");
    }
}
