package org.amalgam.standardize;

import org.springframework.stereotype.Component;

/** Chooses the standardizer chain for an attribute's data type. */
@Component
public class Standardizers {

    private static final Standardizer TEXT = new TextStandardizer();
    private static final Standardizer EMAIL = new EmailStandardizer();
    private static final Standardizer DATE = new DateStandardizer();

    /**
     * Standardizes one value of an attribute of the given data type.
     *
     * @param dataType the attribute's data type from the model
     * @param format an explicit format from the mapping (dates), or null
     */
    public Standardized standardize(String dataType, String format, String value) {
        if (value == null) {
            return Standardized.empty();
        }
        Standardized text = TEXT.apply(value);
        if (!text.hasValue()) {
            return text;
        }
        return switch (dataType) {
            case "email" -> EMAIL.apply(text.value());
            case "date" -> (format == null ? DATE : new DateStandardizer(format)).apply(text.value());
            default -> text;
        };
    }
}
