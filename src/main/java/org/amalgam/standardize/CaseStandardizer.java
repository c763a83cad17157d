package org.amalgam.standardize;

import java.util.Locale;

/**
 * Upper, lower or title case, independent of the server's locale. Title case starts each word (after a space or a
 * hyphen) with a capital and lower-cases the rest: {@code ACME-WIDGETS europe} becomes {@code Acme-Widgets Europe}.
 * For person names use {@link PersonNameStandardizer}, which knows about particles and prefixes.
 */
public final class CaseStandardizer implements Standardizer {

    /** Which case to write. */
    public enum Mode {
        UPPER,
        LOWER,
        TITLE;

        /** Reads {@code upper}, {@code lower} or {@code title}, in any case. */
        public static Mode of(String mode) {
            for (Mode candidate : values()) {
                if (candidate.name().equalsIgnoreCase(mode.strip())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("case mode '" + mode + "' is not one of upper, lower, title");
        }
    }

    private final Mode mode;

    public CaseStandardizer(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "case";
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public Standardized apply(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        return Standardized.of(
                switch (mode) {
                    case UPPER -> text.toUpperCase(Locale.ROOT);
                    case LOWER -> text.toLowerCase(Locale.ROOT);
                    case TITLE -> title(text);
                });
    }

    private static String title(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(lower.length());
        boolean wordStart = true;
        for (int i = 0; i < lower.length(); ) {
            int codePoint = lower.codePointAt(i);
            result.appendCodePoint(wordStart ? Character.toTitleCase(codePoint) : codePoint);
            if (Character.isWhitespace(codePoint) || codePoint == '-') {
                wordStart = true;
            } else if (Character.isLetter(codePoint)) {
                wordStart = false;
            }
            i += Character.charCount(codePoint);
        }
        return result.toString();
    }
}
