package org.amalgam.match.engine;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.language.DoubleMetaphone;

/** Double Metaphone codes, as text for blocking keys and packed into ints for comparisons. */
final class Phonetics {

    private static final DoubleMetaphone ENCODER = new DoubleMetaphone();

    /**
     * Codes of values seen, since names repeat a lot and encoding one takes microseconds. Bounded: when full it is
     * cleared, so a long-running hub does not grow it without end.
     */
    private static final int CACHE_SIZE = 500_000;

    private static final ConcurrentHashMap<String, String[]> CACHE = new ConcurrentHashMap<>();

    private Phonetics() {}

    /** The primary code of a normalized value (spaces ignored), or "" when it has none. */
    static String primary(String value) {
        return codes(value)[0];
    }

    static String alternate(String value) {
        return codes(value)[1];
    }

    private static String[] codes(String value) {
        String[] codes = CACHE.get(value);
        if (codes == null) {
            String compact = value.replace(" ", "");
            String primary = ENCODER.doubleMetaphone(compact, false);
            String alternate = ENCODER.doubleMetaphone(compact, true);
            codes = new String[] {primary == null ? "" : primary, alternate == null ? "" : alternate};
            if (CACHE.size() >= CACHE_SIZE) {
                CACHE.clear();
            }
            CACHE.put(value, codes);
        }
        return codes;
    }

    /** A code of up to four characters A-Z, 0-9 as a positive int; 0 for none. */
    static int pack(String code) {
        int packed = 0;
        for (int i = 0; i < code.length() && i < 5; i++) {
            char c = code.charAt(i);
            int digit = c >= 'A' && c <= 'Z' ? c - 'A' + 1 : c >= '0' && c <= '9' ? c - '0' + 27 : 37;
            packed = packed * 38 + digit;
        }
        return packed;
    }
}
