package org.amalgam.match.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The kinds of comparison level. A comparison's levels are tried in order and the first that holds is the pair's
 * level; {@code missing} (either value empty) comes first and weighs 0 bits, {@code else} comes last.
 */
public enum LevelKind {
    MISSING("missing", Argument.NONE, null, "either value is empty"),
    EXACT("exact", Argument.NONE, null, "the normalized values are equal"),
    SWAPPED(
            "swapped",
            Argument.NONE,
            null,
            "the value equals the other record's swappedWith attribute and the other way round"),
    JARO_WINKLER("jaro_winkler", Argument.FRACTION, null, "Jaro-Winkler similarity at least x"),
    LEVENSHTEIN("levenshtein", Argument.COUNT, null, "at most n characters inserted, deleted or replaced"),
    DAMERAU_LEVENSHTEIN(
            "damerau_levenshtein", Argument.COUNT, null, "as levenshtein, a swap of two neighbours counting one"),
    JACCARD("jaccard", Argument.FRACTION, null, "shared words / all words at least x"),
    OVERLAP(
            "overlap",
            Argument.FRACTION,
            null,
            "shared words / words of the shorter value at least x (initials vs full names)"),
    TOKEN_SUBSET(
            "token_subset", Argument.NONE, null, "every word of one value is in the other (Schmidt, Schmidt-Weber)"),
    INITIALS(
            "initials",
            Argument.NONE,
            null,
            "one value is initials only and they are the other's initials (P, Patricia)"),
    DOUBLE_METAPHONE("double_metaphone", Argument.NONE, null, "the Double Metaphone codes share a code"),
    PREFIX("prefix", Argument.COUNT, null, "the first n characters are equal"),
    EMAIL_LOCAL("email_local", Argument.NONE, Set.of("email"), "the parts before the @ are equal"),
    PHONE_SUFFIX("phone_suffix", Argument.COUNT, Set.of("phone"), "the last n digits are equal"),
    TRANSPOSED_DAY_MONTH("transposed_day_month", Argument.NONE, Set.of("date"), "day and month swapped"),
    ONE_DIGIT("one_digit", Argument.NONE, Set.of("date"), "one digit of yyyymmdd different, or two neighbours swapped"),
    SAME_YEAR("same_year", Argument.NONE, Set.of("date"), "the same year"),
    WITHIN_YEARS("within_years", Argument.COUNT, Set.of("date"), "years at most n apart"),
    WITHIN_DAYS("within_days", Argument.COUNT, Set.of("date"), "dates at most n days apart"),
    ABSOLUTE("absolute", Argument.NUMBER, Set.of("number", "money"), "numbers at most x apart"),
    RELATIVE(
            "relative",
            Argument.FRACTION,
            Set.of("number", "money"),
            "numbers at most x (a share of the larger) apart"),
    ELSE("else", Argument.NONE, null, "none of the levels above");

    /** What a level's value means. */
    public enum Argument {
        NONE,
        /** a number in (0, 1] */
        FRACTION,
        /** a whole number ≥ 1 ({@code within_years} and {@code within_days} accept 0) */
        COUNT,
        /** a number ≥ 0 */
        NUMBER
    }

    private final String code;
    private final Argument argument;
    private final Set<String> dataTypes;
    private final String meaning;

    LevelKind(String code, Argument argument, Set<String> dataTypes, String meaning) {
        this.code = code;
        this.argument = argument;
        this.dataTypes = dataTypes;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public Argument argument() {
        return argument;
    }

    /** One line for documentation and error messages. */
    public String meaning() {
        return meaning;
    }

    public boolean accepts(String dataType) {
        return dataTypes == null || dataTypes.contains(dataType);
    }

    Set<String> dataTypes() {
        return dataTypes;
    }

    public static LevelKind of(String code) {
        for (LevelKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        return null;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(LevelKind::code).toList();
    }
}
