package org.amalgam.standardize;

/**
 * The ISO-4217 currency of a price or of a currency written alone: {@code 1.234,56 €}, {@code €}, {@code eur} and
 * {@code Euro} are {@code EUR}; {@code $} is USD unless the source's default region writes its own dollar so (see
 * {@link Price}). A price without a currency ({@code 12,50}) gives nothing; an unknown currency is refused.
 */
public final class CurrencyStandardizer implements Standardizer {

    @Override
    public String name() {
        return "currency";
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
        String alone = Price.currency(text, context.defaultRegion());
        if (alone != null) {
            return Standardized.of(alone);
        }
        Price price = Price.parse(text, DecimalText.AUTO, context.defaultRegion());
        if (price.currency() != null) {
            return Standardized.of(price.currency());
        }
        if (price.valid()) {
            return Standardized.empty();
        }
        return Standardized.invalid(Standardized.quote(text) + " is not a known currency");
    }
}
