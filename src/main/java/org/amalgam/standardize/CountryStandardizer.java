package org.amalgam.standardize;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Countries to ISO-3166 alpha-2 in upper case. Reads alpha-2 and alpha-3 codes, the names Java knows in English,
 * German, French, Spanish, Italian, Dutch and Portuguese ({@code Deutschland}, {@code Allemagne}), and a small table of
 * common variants ({@code USA}, {@code U.K.}, {@code Great Britain}, {@code Holland}, {@code Czech Republic}). Case,
 * accents, punctuation, spaces and a leading "the" do not matter. Anything else is refused as an unknown country.
 */
public final class CountryStandardizer implements Standardizer {

    private static final List<Locale> LANGUAGES = List.of(
            Locale.ENGLISH,
            Locale.GERMAN,
            Locale.FRENCH,
            Locale.forLanguageTag("es"),
            Locale.ITALIAN,
            Locale.forLanguageTag("nl"),
            Locale.forLanguageTag("pt"));

    /** Variants Java's names miss; keys as {@link #key(String)} makes them. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("uk", "GB"),
            Map.entry("greatbritain", "GB"),
            Map.entry("britain", "GB"),
            Map.entry("england", "GB"),
            Map.entry("scotland", "GB"),
            Map.entry("wales", "GB"),
            Map.entry("northernireland", "GB"),
            Map.entry("unitedkingdomofgreatbritainandnorthernireland", "GB"),
            Map.entry("us", "US"),
            Map.entry("unitedstatesofamerica", "US"),
            Map.entry("america", "US"),
            Map.entry("holland", "NL"),
            Map.entry("bundesrepublikdeutschland", "DE"),
            Map.entry("brd", "DE"),
            Map.entry("uae", "AE"),
            Map.entry("czechrepublic", "CZ"),
            Map.entry("ivorycoast", "CI"),
            Map.entry("korea", "KR"),
            Map.entry("republicofkorea", "KR"),
            Map.entry("northkorea", "KP"),
            Map.entry("russianfederation", "RU"),
            Map.entry("turkiye", "TR"),
            Map.entry("vatican", "VA"),
            Map.entry("holysee", "VA"),
            Map.entry("burma", "MM"),
            Map.entry("swaziland", "SZ"),
            Map.entry("macedonia", "MK"),
            Map.entry("capeverde", "CV"),
            Map.entry("easttimor", "TL"),
            Map.entry("bosnia", "BA"),
            Map.entry("palestine", "PS"),
            Map.entry("kosovo", "XK"),
            Map.entry("xk", "XK"),
            Map.entry("xkx", "XK"));

    private static final Set<String> ISO2 = new HashSet<>();
    private static final Map<String, String> BY_KEY = new HashMap<>();

    static {
        String[] codes = Locale.getISOCountries();
        for (String code : codes) {
            ISO2.add(code);
            BY_KEY.put(code.toLowerCase(Locale.ROOT), code);
        }
        for (String code : codes) {
            BY_KEY.putIfAbsent(new Locale("", code).getISO3Country().toLowerCase(Locale.ROOT), code);
        }
        ALIASES.forEach(BY_KEY::putIfAbsent);
        for (Locale language : LANGUAGES) {
            for (String code : codes) {
                BY_KEY.putIfAbsent(key(new Locale("", code).getDisplayCountry(language)), code);
            }
        }
    }

    @Override
    public String name() {
        return "country";
    }

    @Override
    public Standardized apply(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        String code = iso2(text);
        return code != null
                ? Standardized.of(code)
                : Standardized.invalid(Standardized.quote(text) + " is not a known country");
    }

    /** The ISO-2 code of a country code or name, or null when it names no known country. */
    public static String iso2(String value) {
        String text = value.strip();
        if (text.length() == 2 && isAsciiLetter(text.charAt(0)) && isAsciiLetter(text.charAt(1))) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (ISO2.contains(upper)) {
                return upper;
            }
        }
        return BY_KEY.get(key(text));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Lower-case letters only, accents removed, without a leading "the". */
    static String key(String name) {
        String text = name.strip();
        if (text.regionMatches(true, 0, "the ", 0, 4)) {
            text = text.substring(4);
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.isLetter(c)) {
                key.append(Character.toLowerCase(c));
            }
        }
        return key.toString();
    }
}
