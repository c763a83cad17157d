package org.amalgam.match.engine;

/**
 * One part of a blocking key: a {@link BlockingFunction} applied to an attribute, written {@code
 * double_metaphone(last_name)} or {@code prefix(first_name, 3)}.
 *
 * @param count the function's count ({@code prefix}, {@code qgrams}, {@code phone_suffix}), else 0
 */
public record BlockingPart(BlockingFunction function, String attribute, int count) {

    public static BlockingPart of(BlockingFunction function, String attribute) {
        return new BlockingPart(function, attribute, 0);
    }

    @Override
    public String toString() {
        return function.code() + "(" + attribute + (function.takesCount() ? ", " + count : "") + ")";
    }
}
