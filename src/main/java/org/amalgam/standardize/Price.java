package org.amalgam.standardize;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A price read from text such as {@code 1.234,56 €}, {@code $1,234.56}, {@code EUR 12} or {@code 12,5}: the amount
 * and, separately, the ISO-4217 currency when the text names one.
 *
 * <p>The currency may stand before or after the amount, as an ISO code in any case ({@code eur}) or a symbol: {@code €}
 * EUR, {@code £} GBP, {@code ¥} JPY, {@code CN¥}/{@code RMB} CNY, {@code ₹} INR, {@code CHF}/{@code Fr.} CHF, {@code
 * R$} BRL, {@code C$}/{@code CA$} CAD, {@code A$}/{@code AU$} AUD ... A bare {@code $} is the dollar of the default
 * region when that region pays in a dollar or peso written {@code $} (CA, AU, NZ, SG, HK, MX ...), else USD. Negative
 * amounts ({@code -5}, {@code 5-}, {@code (5)}) are read as negative; {@code 12,-} and {@code 12.–} mean 12.
 *
 * @param amount the amount, signed; null when the text has none or is not a price
 * @param currency the ISO-4217 code, or null when the text names none
 * @param issue why the text is not a price, or null
 */
public record Price(BigDecimal amount, String currency, String issue) {

    private static final Map<String, String> SYMBOLS = new HashMap<>();
    private static final Map<String, String> DOLLAR_REGIONS = Map.of(
            "CA", "CAD", "AU", "AUD", "NZ", "NZD", "SG", "SGD", "HK", "HKD", "MX", "MXN", "TW", "TWD", "AR", "ARS",
            "CL", "CLP", "CO", "COP");

    static {
        for (Currency currency : Currency.getAvailableCurrencies()) {
            SYMBOLS.put(currency.getCurrencyCode(), currency.getCurrencyCode());
        }
        String[][] symbols = {
            {"€", "EUR"},
            {"EURO", "EUR"},
            {"EUROS", "EUR"},
            {"US$", "USD"},
            {"U$S", "USD"},
            {"£", "GBP"},
            {"¥", "JPY"},
            {"円", "JPY"},
            {"CN¥", "CNY"},
            {"RMB", "CNY"},
            {"元", "CNY"},
            {"₹", "INR"},
            {"RS.", "INR"},
            {"₽", "RUB"},
            {"₺", "TRY"},
            {"₩", "KRW"},
            {"₪", "ILS"},
            {"฿", "THB"},
            {"₫", "VND"},
            {"₱", "PHP"},
            {"₴", "UAH"},
            {"₦", "NGN"},
            {"FR.", "CHF"},
            {"SFR.", "CHF"},
            {"ZŁ", "PLN"},
            {"KČ", "CZK"},
            {"FT", "HUF"},
            {"R$", "BRL"},
            {"C$", "CAD"},
            {"CA$", "CAD"},
            {"A$", "AUD"},
            {"AU$", "AUD"},
            {"NZ$", "NZD"},
            {"HK$", "HKD"},
            {"S$", "SGD"},
            {"MX$", "MXN"}
        };
        for (String[] symbol : symbols) {
            SYMBOLS.put(symbol[0], symbol[1]);
        }
    }

    /** Reads a price, taking {@code $} as USD. */
    public static Price parse(String text) {
        return parse(text, DecimalText.AUTO, null);
    }

    /**
     * Reads a price.
     *
     * @param text the price as written
     * @param decimal which separator is decimal, or AUTO to tell from the text
     * @param region the source's default region (for {@code $}), or null
     */
    static Price parse(String text, DecimalText decimal, String region) {
        String value = text.strip();
        int first = -1;
        int last = -1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            String currency = currency(value, region);
            return currency != null
                    ? new Price(null, currency, null)
                    : new Price(null, null, Standardized.quote(value) + " is not a price");
        }
        int start = first;
        if (first > 0
                && (value.charAt(first - 1) == '.' || value.charAt(first - 1) == ',')
                && (first == 1 || !Character.isLetter(value.charAt(first - 2)))) {
            start = first - 1; // .5 and ,5; but the dot of Fr.12 and Rs.500 ends the currency
        }
        int end = last + 1;
        String prefix = value.substring(0, start);
        String suffix = value.substring(end);
        if (suffix.length() >= 2
                && (suffix.charAt(0) == ',' || suffix.charAt(0) == '.')
                && (suffix.charAt(1) == '-' || suffix.charAt(1) == '\u2013')) {
            suffix = suffix.substring(2);
        }
        boolean negative = false;
        if (prefix.startsWith("(") && suffix.endsWith(")")) {
            negative = true;
            prefix = prefix.substring(1);
            suffix = suffix.substring(0, suffix.length() - 1);
        }
        String before = prefix.replace(" ", "");
        String after = suffix.replace(" ", "");
        if (before.startsWith("-") || before.startsWith("\u2212")) {
            negative = true;
            before = before.substring(1);
        } else if (before.startsWith("+")) {
            before = before.substring(1);
        }
        if (before.endsWith("-") || before.endsWith("\u2212")) {
            negative = true;
            before = before.substring(0, before.length() - 1);
        }
        if (after.endsWith("-") || after.endsWith("\u2212")) {
            negative = true;
            after = after.substring(0, after.length() - 1);
        }
        String currency = null;
        for (String token : new String[] {before, after}) {
            if (!token.isEmpty()) {
                String named = currency(token, region);
                if (named == null || currency != null && !currency.equals(named)) {
                    return new Price(null, null, Standardized.quote(value) + " is not a price");
                }
                currency = named;
            }
        }
        BigDecimal amount = decimal.read(value.substring(start, end));
        if (amount == null) {
            return new Price(null, currency, Standardized.quote(value) + " is not a price");
        }
        return new Price(negative ? amount.negate() : amount, currency, null);
    }

    /** The ISO-4217 code of a currency code or symbol, or null. */
    static String currency(String token, String region) {
        String text = token.strip();
        if (text.equals("$")) {
            return region == null ? "USD" : DOLLAR_REGIONS.getOrDefault(region, "USD");
        }
        return SYMBOLS.get(text.toUpperCase(Locale.ROOT));
    }

    /** True when the text was read as a price (possibly one with only a currency). */
    public boolean valid() {
        return issue == null;
    }
}
