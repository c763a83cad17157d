package org.amalgam.standardize;

/**
 * Prices to a plain decimal amount with a point and without trailing zeros ({@code 1.234,56 €} → {@code 1234.56},
 * {@code EUR 12} → {@code 12}, {@code 12,50} → {@code 12.5}); the currency is left out here and read by {@link
 * CurrencyStandardizer} (both come from {@link Price}). How {@code .} and {@code ,} are told apart is described on
 * {@link DecimalText}; a chosen decimal separator overrides it. A negative price, a text without an amount and an
 * unknown currency are refused.
 */
public final class MoneyStandardizer implements Standardizer {

    private final DecimalText decimal;

    public MoneyStandardizer() {
        this(DecimalText.AUTO);
    }

    MoneyStandardizer(DecimalText decimal) {
        this.decimal = decimal;
    }

    /** @param decimalSeparator {@code .}, {@code ,}, or null to tell from each value */
    public static MoneyStandardizer withDecimalSeparator(String decimalSeparator) {
        return new MoneyStandardizer(
                decimalSeparator == null ? DecimalText.AUTO : DecimalText.option(decimalSeparator));
    }

    @Override
    public String name() {
        return "money";
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
        Price price = Price.parse(text, decimal, context.defaultRegion());
        if (!price.valid()) {
            return Standardized.invalid(price.issue());
        }
        if (price.amount() == null) {
            return Standardized.invalid(Standardized.quote(text) + " has no amount");
        }
        if (price.amount().signum() < 0) {
            return Standardized.invalid(Standardized.quote(text) + " is a negative price");
        }
        return Standardized.of(DecimalText.plain(price.amount()));
    }
}
