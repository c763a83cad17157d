package org.amalgam.standardize;

/**
 * Numbers to a plain decimal with a point and without trailing zeros: {@code 1.234,5} → {@code 1234.5}, {@code -12,50}
 * → {@code -12.5}, {@code 1.5E+3} → {@code 1500}. Separators are told apart as {@link DecimalText} describes, unless a
 * decimal separator is chosen. Negative numbers are fine; a currency or any other text is refused.
 */
public final class NumberStandardizer implements Standardizer {

    private final DecimalText decimal;

    public NumberStandardizer() {
        this(DecimalText.AUTO);
    }

    NumberStandardizer(DecimalText decimal) {
        this.decimal = decimal;
    }

    /** @param decimalSeparator {@code .}, {@code ,}, or null to tell from each value */
    public static NumberStandardizer withDecimalSeparator(String decimalSeparator) {
        return new NumberStandardizer(
                decimalSeparator == null ? DecimalText.AUTO : DecimalText.option(decimalSeparator));
    }

    @Override
    public String name() {
        return "number";
    }

    @Override
    public Standardized apply(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        Price number = Price.parse(text, decimal, null);
        if (!number.valid() || number.amount() == null || number.currency() != null) {
            return Standardized.invalid(Standardized.quote(text) + " is not a number");
        }
        return Standardized.of(DecimalText.plain(number.amount()));
    }
}
