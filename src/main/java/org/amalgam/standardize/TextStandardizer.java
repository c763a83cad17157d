package org.amalgam.standardize;

import java.text.Normalizer;

/**
 * Unicode NFC; control and invisible format characters (zero-width space, byte-order mark, soft hyphen) removed; every
 * kind of white space (tabs, line breaks, no-break and thin spaces) folded to one space; trimmed.
 *
 * <p>Most values are already clean: they are checked in one pass and returned as they are, without copying.
 */
public final class TextStandardizer implements Standardizer {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Standardized apply(String value) {
        String text = value;
        if (!isAscii(text) && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        text = fold(text);
        return text.isEmpty() ? Standardized.empty() : Standardized.of(text);
    }

    /** Removes invisible characters and folds white space to single spaces, trimmed; no NFC. */
    static String fold(String text) {
        if (isClean(text)) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = result.length() > 0;
            } else if (!isInvisible(c)) {
                if (pendingSpace) {
                    result.append(' ');
                    pendingSpace = false;
                }
                result.append(c);
            }
        }
        return result.toString();
    }

    private static boolean isClean(String text) {
        int length = text.length();
        if (length == 0) {
            return true;
        }
        if (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (previous == ' ') {
                    return false;
                }
            } else if (isSpace(c) || isInvisible(c)) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
        }
        return c == 0x85 || Character.isSpaceChar(c);
    }

    private static boolean isInvisible(char c) {
        if (c < 0x80) {
            return c < 0x20 || c == 0x7f;
        }
        return (c >= 0x80 && c <= 0x9f) || c == 0x00ad || c == 0x200b || c == 0x2060 || c == 0xfeff;
    }
}
