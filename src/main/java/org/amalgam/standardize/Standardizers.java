package org.amalgam.standardize;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The default standardizer chain for each data type of the model. Every chain starts with {@link TextStandardizer}:
 *
 * <table>
 *   <caption>Chains by data type</caption>
 *   <tr><th>data type</th><th>chain</th></tr>
 *   <tr><td>text, address, identifier, enum, others</td><td>text</td></tr>
 *   <tr><td>name</td><td>text, person_name</td></tr>
 *   <tr><td>date</td><td>text, date (the mapping's format as its pattern)</td></tr>
 *   <tr><td>email</td><td>text, email</td></tr>
 *   <tr><td>phone</td><td>text, phone (the context's default region)</td></tr>
 *   <tr><td>country</td><td>text, country</td></tr>
 *   <tr><td>number</td><td>text, number (the format's last {@code .} or {@code ,} as decimal separator)</td></tr>
 *   <tr><td>money</td><td>text, money (likewise)</td></tr>
 * </table>
 *
 * Postal codes, legal forms, GTINs and currencies are attributes of a more general type (address, text, identifier,
 * enum), so they get their standardizer only when the model names it ({@link StandardizerRegistry}).
 */
@Component
public class Standardizers {

    private static final Standardizer TEXT = new TextStandardizer();
    private static final Map<String, Standardizer> CHAINS = Map.of(
            "text", TEXT,
            "name", StandardizerChain.of(TEXT, new PersonNameStandardizer()),
            "date", StandardizerChain.of(TEXT, new DateStandardizer()),
            "email", StandardizerChain.of(TEXT, new EmailStandardizer()),
            "phone", StandardizerChain.of(TEXT, new PhoneStandardizer()),
            "country", StandardizerChain.of(TEXT, new CountryStandardizer()),
            "number", StandardizerChain.of(TEXT, new NumberStandardizer()),
            "money", StandardizerChain.of(TEXT, new MoneyStandardizer()));

    private static final int MAX_FORMATS = 1_000;

    /** Chains for a data type with a format, made once per type and format (mappings reuse a handful). */
    private final ConcurrentMap<String, Standardizer> formatted = new ConcurrentHashMap<>();

    /**
     * Standardizes one value of an attribute of the given data type, with nothing known about its source.
     *
     * @param dataType the attribute's data type from the model
     * @param format an explicit format from the mapping (dates; decimal separator of numbers and money), or null
     */
    public Standardized standardize(String dataType, String format, String value) {
        return standardize(dataType, format, value, StandardizationContext.NONE);
    }

    /**
     * Standardizes one value of an attribute of the given data type.
     *
     * @param dataType the attribute's data type from the model
     * @param format an explicit format from the mapping (dates; decimal separator of numbers and money), or null
     * @param context the source's default region and the record's country
     * @throws IllegalArgumentException if the format is not a valid date pattern
     */
    public Standardized standardize(String dataType, String format, String value, StandardizationContext context) {
        if (value == null) {
            return Standardized.empty();
        }
        return chain(dataType, format).apply(value, context == null ? StandardizationContext.NONE : context);
    }

    /** The chain {@link #standardize} uses, to hold on to per attribute in a loop. */
    public Standardizer chain(String dataType, String format) {
        if (format == null || format.isBlank() || !isFormatted(dataType)) {
            return dataType == null ? TEXT : CHAINS.getOrDefault(dataType, TEXT);
        }
        String key = dataType + '\u0000' + format;
        Standardizer chain = formatted.get(key);
        if (chain == null) {
            chain = switch (dataType) {
                case "date" -> StandardizerChain.of(TEXT, new DateStandardizer(format));
                case "number" -> StandardizerChain.of(TEXT, new NumberStandardizer(DecimalText.of(format)));
                default -> StandardizerChain.of(TEXT, new MoneyStandardizer(DecimalText.of(format)));
            };
            if (formatted.size() < MAX_FORMATS) {
                formatted.putIfAbsent(key, chain);
            }
        }
        return chain;
    }

    private static boolean isFormatted(String dataType) {
        return "date".equals(dataType) || "number".equals(dataType) || "money".equals(dataType);
    }
}
