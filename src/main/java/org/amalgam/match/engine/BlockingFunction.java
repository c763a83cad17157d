package org.amalgam.match.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The small named functions a blocking key is made of. Each works on one attribute's normalized value (lower case,
 * no accents or punctuation; see docs/matching.md); a function of several values gives one key per value.
 */
public enum BlockingFunction {
    /** The normalized value. */
    EXACT("exact", false, false, null),
    /** The Double Metaphone primary code (4 characters) of the value: Smith, Smyth and Schmidt share {@code SM0}. */
    DOUBLE_METAPHONE("double_metaphone", false, false, null),
    /** The first n characters, spaces left out. */
    PREFIX("prefix", true, false, null),
    /** The year of an ISO date. */
    YEAR("year", false, false, Set.of("date")),
    /** The words in alphabetical order: "Anna Maria" and "Maria Anna" share a key. */
    SORTED_TOKENS("sorted_tokens", false, false, null),
    /** One key per word of two or more characters: for long text such as titles. */
    TOKENS("tokens", false, true, null),
    /** One key per q-gram (q characters, spaces left out) of the value. */
    QGRAMS("qgrams", true, true, null),
    /** The last n digits of a phone number. */
    PHONE_SUFFIX("phone_suffix", true, false, Set.of("phone")),
    /** The part of an e-mail address before the {@code @}. */
    EMAIL_LOCAL("email_local", false, false, Set.of("email")),
    /** The first letter of every word: "John Ronald" → "jr". */
    INITIALS("initials", false, false, null);

    private final String code;
    private final boolean takesCount;
    private final boolean multiValued;
    private final Set<String> dataTypes;

    BlockingFunction(String code, boolean takesCount, boolean multiValued, Set<String> dataTypes) {
        this.code = code;
        this.takesCount = takesCount;
        this.multiValued = multiValued;
        this.dataTypes = dataTypes;
    }

    /** The name used in settings, e.g. {@code double_metaphone}. */
    public String code() {
        return code;
    }

    /** Whether the function takes a count, as {@code prefix(first_name, 3)} does. */
    public boolean takesCount() {
        return takesCount;
    }

    /** Whether the function may give several keys for one value. */
    public boolean multiValued() {
        return multiValued;
    }

    /** Whether the function works on attributes of the given data type. */
    public boolean accepts(String dataType) {
        return dataTypes == null || dataTypes.contains(dataType);
    }

    /** The data types the function works on, or null for all. */
    Set<String> dataTypes() {
        return dataTypes;
    }

    public static BlockingFunction of(String code) {
        for (BlockingFunction function : values()) {
            if (function.code.equals(code)) {
                return function;
            }
        }
        return null;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(BlockingFunction::code).toList();
    }
}
