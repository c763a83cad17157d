package org.amalgam.match.engine;

/**
 * One level of a comparison: its kind and, for kinds that take one, its threshold ({@code jaro_winkler: 0.92},
 * {@code levenshtein: 1}).
 */
public record LevelDefinition(LevelKind kind, double argument) {

    public static LevelDefinition of(LevelKind kind) {
        return new LevelDefinition(kind, 0);
    }

    public static LevelDefinition of(LevelKind kind, double argument) {
        return new LevelDefinition(kind, argument);
    }

    /** A readable label such as {@code exact}, {@code jaro_winkler ≥ 0.92} or {@code levenshtein ≤ 1}. */
    public String label() {
        return switch (kind.argument()) {
            case NONE -> kind.code();
            case FRACTION -> kind.code() + (kind == LevelKind.RELATIVE ? " ≤ " : " ≥ ") + number(argument);
            case COUNT, NUMBER ->
                kind.code()
                        + (kind == LevelKind.PREFIX || kind == LevelKind.PHONE_SUFFIX ? " " : " ≤ ")
                        + number(argument);
        };
    }

    /** The level as a settings document writes it: a name, or a map of the name to its threshold. */
    Object toDocument() {
        if (kind.argument() == LevelKind.Argument.NONE) {
            return kind.code();
        }
        return java.util.Map.of(kind.code(), documentNumber(argument));
    }

    static Object documentNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value == (int) value ? (Object) (int) value : (Object) (long) value;
        }
        return value;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return label();
    }
}
