package org.amalgam.match.engine;

import java.text.Normalizer;

/**
 * Turns a standardized attribute value into the form that comparisons and blocking keys work on. The hub has already
 * standardized the value (capitalized names, ISO dates, E.164 phones); this only removes what must not count as a
 * difference when comparing: case, accents, punctuation and spacing in text, separators in identifiers and phones.
 */
enum ValueNormalizer {
    /** Names, free text, addresses, enums, countries: lower case, accents and punctuation removed, spaces folded. */
    TEXT,
    /** E-mail addresses: lower case, trimmed. */
    EMAIL,
    /** Phone numbers: the digits only. */
    PHONE,
    /** Identifiers: lower-case letters and digits only ({@code DE 123-456} → {@code de123456}). */
    IDENTIFIER,
    /** ISO dates {@code yyyy-MM-dd}: kept as they are. */
    DATE,
    /** Numbers and money: kept as they are (a plain decimal with a point). */
    NUMBER;

    /** The longest value compared; longer text is cut, so one huge field cannot make scoring slow. */
    static final int MAX_LENGTH = 500;

    static ValueNormalizer forDataType(String dataType) {
        if (dataType == null) {
            return TEXT;
        }
        return switch (dataType) {
            case "email" -> EMAIL;
            case "phone" -> PHONE;
            case "identifier" -> IDENTIFIER;
            case "date" -> DATE;
            case "number", "money" -> NUMBER;
            default -> TEXT;
        };
    }

    /** The normalized value, or the empty string when nothing comparable is left. */
    String normalize(String value) {
        if (value == null) {
            return "";
        }
        String result =
                switch (this) {
                    case TEXT -> text(value);
                    case EMAIL -> value.strip().toLowerCase(java.util.Locale.ROOT);
                    case PHONE -> keep(value, false);
                    case IDENTIFIER -> keep(value, true);
                    case DATE, NUMBER -> value.strip();
                };
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
    }

    private static String keep(String value, boolean letters) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (letters && Character.isLetter(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * Lower case, accents removed ({@code é} → {@code e}, {@code ß} → {@code ss}), apostrophes dropped ({@code
     * O'Brien} → {@code obrien}), every other character that is not a letter or digit a space, spaces folded.
     */
    static String text(String value) {
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        String source = ascii ? value : Normalizer.normalize(value, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(source.length());
        boolean space = true;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < 0x80) {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    out.append(c);
                    space = false;
                } else if (c >= 'A' && c <= 'Z') {
                    out.append((char) (c + 32));
                    space = false;
                } else if (c == '\'' || c == '`') {
                    // O'Brien and OBrien are one name
                } else if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || c == '\u2019') {
                continue;
            }
            String folded = fold(c);
            if (folded != null) {
                out.append(folded);
                space = false;
            } else if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int length = out.length();
        if (length > 0 && out.charAt(length - 1) == ' ') {
            out.setLength(length - 1);
        }
        return out.toString();
    }

    private static String fold(char c) {
        return switch (c) {
            case 'ß' -> "ss";
            case 'æ', 'Æ' -> "ae";
            case 'œ', 'Œ' -> "oe";
            case 'ø', 'Ø' -> "o";
            case 'ł', 'Ł' -> "l";
            case 'đ', 'Đ', 'ð', 'Ð' -> "d";
            case 'þ', 'Þ' -> "th";
            case 'ı' -> "i";
            default -> null;
        };
    }
}
