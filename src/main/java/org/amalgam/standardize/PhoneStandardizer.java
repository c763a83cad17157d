package org.amalgam.standardize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.RegionMetadataSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers to E.164 ({@code +49301234567}) with libphonenumber. A number written without a country code is read
 * in the record's country (from the {@link StandardizationContext}), else in the source's default region (likewise),
 * else in this standardizer's own region. Without any of them such a number cannot be placed and is refused, as is a
 * number that is not valid for its country.
 *
 * <p>E.164 has no extensions. By default an extension ({@code ext. 12}, {@code x12}, {@code #12}) is dropped, so the
 * value compares equal with the same line written without it; with {@link Extension#KEEP} it is kept in the RFC 3966
 * form {@code +49301234567;ext=12}.
 *
 * <p>libphonenumber's {@code parse} costs several microseconds, most of it in general-purpose regular expressions. The
 * common case, digits with spaces, hyphens, dots, slashes or brackets and perhaps a leading {@code +}, is read here
 * directly and only checked with libphonenumber's validity rules for the region; whenever libphonenumber could read it
 * differently (an international call prefix, a national prefix other than the plain trunk prefix, a leading zero
 * that belongs to the number, a number that is not valid for that region) the full parse decides. A test compares both
 * paths on many numbers.
 */
public final class PhoneStandardizer implements Standardizer {

    /** What happens to an extension. */
    public enum Extension {
        DROP,
        KEEP;

        /** Reads {@code drop} or {@code keep}, in any case. */
        public static Extension of(String extension) {
            for (Extension candidate : values()) {
                if (candidate.name().equalsIgnoreCase(extension.strip())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("phone extension '" + extension + "' is not one of drop, keep");
        }
    }

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final RegionMetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final Set<String> NUMBERING_PLANS = Set.copyOf(PHONE_NUMBERS.getSupportedRegions());
    private static final String UNKNOWN_REGION = "ZZ";
    private static final String NON_GEOGRAPHIC = "001";
    private static final int MAX_DIGITS = 20;

    /** The longest national significant number libphonenumber accepts. */
    private static final int MAX_NATIONAL_LENGTH = 17;

    private static final ConcurrentMap<String, Region> REGIONS = new ConcurrentHashMap<>();

    /**
     * What the direct reading needs to know about a region, compiled once: its prefixes, and its validity rules.
     *
     * <p>The validity rules are libphonenumber's {@code isValidNumberForRegion}, which takes a national significant
     * number as valid when it fits the region's general description and the description of at least one number type
     * (premium rate, toll free, ... fixed line, mobile), each a list of possible lengths and a pattern. The library
     * tries the types one by one, each through a synchronized cache of patterns and with two regular-expression
     * runs ({@code lookingAt}, then {@code matches}); that was about a third of a bulk load's standardizing. Here the
     * types' patterns that allow a length are joined into one alternation per length, so a number costs two runs:
     * the general pattern and that alternation. Which numbers pass is the same ({@code PhoneStandardizerTests}
     * compares this path with the library's on many numbers).
     */
    private record Region(
            String code,
            int countryCode,
            String nationalPrefix,
            Pattern nationalPrefixForParsing,
            Pattern internationalPrefix,
            Pattern general,
            boolean[] generalLengths,
            Pattern[] typesByLength) {

        static Region of(String code) {
            PhoneMetadata metadata = METADATA.getMetadataForRegion(code);
            if (metadata == null) {
                return null;
            }
            List<PhoneNumberDesc> types = new ArrayList<>(List.of(
                    metadata.getPremiumRate(),
                    metadata.getTollFree(),
                    metadata.getSharedCost(),
                    metadata.getVoip(),
                    metadata.getPersonalNumber(),
                    metadata.getPager(),
                    metadata.getUan(),
                    metadata.getVoicemail(),
                    metadata.getFixedLine()));
            if (!metadata.getSameMobileAndFixedLinePattern()) {
                // with the same pattern the library does not try the mobile description on its own
                types.add(metadata.getMobile());
            }
            Pattern[] typesByLength = new Pattern[MAX_NATIONAL_LENGTH + 1];
            for (int length = 0; length <= MAX_NATIONAL_LENGTH; length++) {
                Set<String> patterns = new LinkedHashSet<>();
                for (PhoneNumberDesc type : types) {
                    if (allows(type, length) && !type.getNationalNumberPattern().isEmpty()) {
                        patterns.add("(?:" + type.getNationalNumberPattern() + ")");
                    }
                }
                typesByLength[length] = patterns.isEmpty() ? null : Pattern.compile(String.join("|", patterns));
            }
            PhoneNumberDesc general = metadata.getGeneralDesc();
            boolean[] generalLengths = new boolean[MAX_NATIONAL_LENGTH + 1];
            for (int length = 0; length <= MAX_NATIONAL_LENGTH; length++) {
                generalLengths[length] = allows(general, length);
            }
            return new Region(
                    code,
                    metadata.getCountryCode(),
                    metadata.getNationalPrefix(),
                    metadata.getNationalPrefixForParsing().isEmpty()
                            ? null
                            : Pattern.compile(metadata.getNationalPrefixForParsing()),
                    Pattern.compile(metadata.getInternationalPrefix()),
                    general.getNationalNumberPattern().isEmpty()
                            ? null
                            : Pattern.compile(general.getNationalNumberPattern()),
                    generalLengths,
                    typesByLength);
        }

        /** A description's possible lengths as the library reads them: none listed means any. */
        private static boolean allows(PhoneNumberDesc description, int length) {
            return description.getPossibleLengthCount() == 0
                    || description.getPossibleLengthList().contains(length);
        }

        /** libphonenumber's {@code isValidNumberForRegion} for a national significant number of this region. */
        boolean valid(String national) {
            int length = national.length();
            if (length > MAX_NATIONAL_LENGTH || general == null || !generalLengths[length]) {
                return false;
            }
            Pattern types = typesByLength[length];
            return types != null
                    && general.matcher(national).matches()
                    && types.matcher(national).matches();
        }

        /**
         * How many leading digits are a plain trunk prefix to drop; -1 when libphonenumber would read the start as a
         * prefix of another kind (carrier codes, transform rules), so the full parse must decide.
         */
        int trunkPrefix(CharSequence digits) {
            if (nationalPrefixForParsing == null) {
                return 0;
            }
            Matcher m = nationalPrefixForParsing.matcher(digits);
            if (!m.lookingAt()) {
                return 0;
            }
            for (int group = 1; group <= m.groupCount(); group++) {
                if (m.group(group) != null) {
                    return -1;
                }
            }
            return m.end() == nationalPrefix.length() && digits.toString().startsWith(nationalPrefix) ? m.end() : -1;
        }
    }

    private final String region;
    private final Extension extension;
    private final boolean direct;

    public PhoneStandardizer() {
        this(null, Extension.DROP);
    }

    /**
     * @param region the default region (ISO-2, ISO-3 or English name) when neither the record nor the source gives
     *     one, or null
     * @param extension what to do with an extension
     */
    public PhoneStandardizer(String region, Extension extension) {
        this(region, extension, true);
    }

    /** @param direct false to always use the full parse (tests compare both) */
    PhoneStandardizer(String region, Extension extension, boolean direct) {
        if (region != null && CountryStandardizer.iso2(region) == null) {
            throw new IllegalArgumentException("phone region '" + region + "' is not an ISO-3166 country");
        }
        this.region = region == null ? null : CountryStandardizer.iso2(region);
        this.extension = extension;
        this.direct = direct;
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Standardized apply(String value) {
        return apply(value, StandardizationContext.NONE);
    }

    @Override
    public Standardized apply(String value, StandardizationContext context) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        String defaultRegion = numberingPlan(context.country(), context.defaultRegion(), region);
        String e164 = direct ? direct(text, defaultRegion) : null;
        return e164 != null ? Standardized.of(e164) : parse(text, defaultRegion);
    }

    /**
     * The first of the record's country, the source's default region and this standardizer's own region that has a
     * numbering plan of its own (Antarctica, Bouvet Island ... have none), or null.
     */
    private static String numberingPlan(String country, String sourceRegion, String ownRegion) {
        if (country != null && NUMBERING_PLANS.contains(country)) {
            return country;
        }
        if (sourceRegion != null && NUMBERING_PLANS.contains(sourceRegion)) {
            return sourceRegion;
        }
        return ownRegion != null && NUMBERING_PLANS.contains(ownRegion) ? ownRegion : null;
    }

    /** The full libphonenumber parse, which decides everything the direct reading leaves to it. */
    private Standardized parse(String text, String defaultRegion) {
        String international = text;
        if (defaultRegion == null && text.startsWith("00")) {
            // without a region, 00 is the international call prefix almost everywhere
            international = "+" + text.substring(2);
        }
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(international, defaultRegion == null ? UNKNOWN_REGION : defaultRegion);
        } catch (NumberParseException e) {
            if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE && defaultRegion == null) {
                return Standardized.invalid(Standardized.quote(text)
                        + " has no country code and the source has no default region; set the source's phone region"
                        + " or send the record's country");
            }
            return Standardized.invalid(Standardized.quote(text) + " is not a phone number");
        }
        if (!PHONE_NUMBERS.isValidNumber(number)) {
            return Standardized.invalid(Standardized.quote(text) + " is not a valid phone number"
                    + (defaultRegion != null && !text.startsWith("+") ? " in " + defaultRegion : ""));
        }
        String e164 = PHONE_NUMBERS.format(number, PhoneNumberFormat.E164);
        if (extension == Extension.KEEP
                && number.hasExtension()
                && !number.getExtension().isEmpty()) {
            return Standardized.of(e164 + ";ext=" + number.getExtension());
        }
        return Standardized.of(e164);
    }

    /** E.164 of a plainly written number that is valid for its region, or null to let the full parse decide. */
    private static String direct(String text, String defaultRegion) {
        int length = text.length();
        boolean plus = text.charAt(0) == '+';
        StringBuilder digits = new StringBuilder(MAX_DIGITS);
        for (int i = plus ? 1 : 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == MAX_DIGITS) {
                    return null;
                }
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')') {
                return null; // letters (extensions, tel:), other marks: the full parse
            }
        }
        Region region;
        int nationalStart;
        if (plus) {
            if (digits.isEmpty() || digits.charAt(0) == '0') {
                return null; // no country code starts with 0
            }
            region = null;
            nationalStart = 0;
            for (int codeLength = 1; codeLength <= 3 && codeLength < digits.length(); codeLength++) {
                int countryCode = Integer.parseInt(digits, 0, codeLength, 10);
                String code = PHONE_NUMBERS.getRegionCodeForCountryCode(countryCode);
                if (!UNKNOWN_REGION.equals(code)) {
                    if (NON_GEOGRAPHIC.equals(code)) {
                        return null; // +800, +882 ...: the full parse knows their metadata
                    }
                    region = region(code);
                    nationalStart = codeLength;
                    break;
                }
            }
            if (region == null || region.trunkPrefix(digits.subSequence(nationalStart, digits.length())) != 0) {
                return null;
            }
        } else {
            region = defaultRegion == null ? null : region(defaultRegion);
            if (region == null || region.internationalPrefix().matcher(digits).lookingAt()) {
                return null;
            }
            nationalStart = region.trunkPrefix(digits);
            if (nationalStart < 0) {
                return null;
            }
        }
        int nationalLength = digits.length() - nationalStart;
        if (nationalLength < 2 || nationalLength > MAX_NATIONAL_LENGTH || digits.charAt(nationalStart) == '0') {
            return null; // a leading zero that belongs to the number (Italy) is kept only by the full parse
        }
        // without a leading zero, the digits are the national significant number the library would check
        String national = digits.substring(nationalStart);
        if (!region.valid(national)) {
            return null;
        }
        return "+" + region.countryCode() + national;
    }

    private static Region region(String code) {
        Region region = REGIONS.get(code);
        if (region == null) {
            region = Region.of(code);
            if (region != null) {
                REGIONS.putIfAbsent(code, region);
            }
        }
        return region;
    }
}
