package org.amalgam.standardize;

/**
 * GTINs (EAN-8, UPC-A, EAN-13, GTIN-14) checked and written as 14 digits, the form GS1 asks databases to store, so
 * that a UPC-A {@code 036000291452} and the EAN-13 {@code 0036000291452} of the same product compare equal ({@code
 * 00036000291452}). With 13 digits as the chosen length, a GTIN with a leading zero is written as EAN-13 instead; a
 * GTIN-14 with a packaging indicator stays 14 digits.
 *
 * <p>Spaces and hyphens are ignored. Anything else, another length, or a wrong check digit is refused; the reason
 * names the check digit the number should have.
 */
public final class GtinStandardizer implements Standardizer {

    private final int length;

    /** GTIN-14. */
    public GtinStandardizer() {
        this(14);
    }

    /** @param length 14 (GTIN-14, the default) or 13 (EAN-13 where possible) */
    public GtinStandardizer(int length) {
        if (length != 13 && length != 14) {
            throw new IllegalArgumentException("GTIN length " + length + " is not one of 13, 14");
        }
        this.length = length;
    }

    @Override
    public String name() {
        return "gtin";
    }

    @Override
    public Standardized apply(String value) {
        String text = value.strip();
        char[] digits = new char[14];
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == 14) {
                    return refused(text);
                }
                digits[count++] = c;
            } else if (c != ' ' && c != '-') {
                return refused(text);
            }
        }
        if (count == 0) {
            return text.isEmpty() ? Standardized.empty() : refused(text);
        }
        if (count != 8 && count != 12 && count != 13 && count != 14) {
            return refused(text);
        }
        int sum = 0;
        for (int i = count - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits[i] - '0') * weight;
        }
        int check = (10 - sum % 10) % 10;
        if (digits[count - 1] - '0' != check) {
            return Standardized.invalid(
                    Standardized.quote(text) + " has a wrong check digit (it should be " + check + ")");
        }
        StringBuilder gtin = new StringBuilder(14);
        for (int i = count; i < 14; i++) {
            gtin.append('0');
        }
        gtin.append(digits, 0, count);
        return Standardized.of(length == 13 && gtin.charAt(0) == '0' ? gtin.substring(1) : gtin.toString());
    }

    private static Standardized refused(String text) {
        return Standardized.invalid(Standardized.quote(text) + " is not a GTIN (8, 12, 13 or 14 digits)");
    }
}
