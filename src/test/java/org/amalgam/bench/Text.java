package org.amalgam.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** String helpers for realistic values and realistic mistakes. */
final class Text {

    /** Neighbouring keys on a QWERTY keyboard: most real typos hit one of these. */
    private static final String[] NEIGHBOURS = {
        "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop", "njk",
        "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji", "cfgb", "qase", "zsdc", "tghu", "asx"
    };

    private Text() {}

    static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Lower-case ASCII for e-mail addresses and domains: Müller → mueller, Lefèvre → lefevre, de Vries → devries. */
    static String asciiLower(String value) {
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = Character.toLowerCase(value.charAt(i));
            switch (c) {
                case 'ä' -> out.append("ae");
                case 'ö', 'œ' -> out.append("oe");
                case 'ü' -> out.append("ue");
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'à', 'á', 'â', 'ã', 'å' -> out.append('a');
                case 'ç' -> out.append('c');
                case 'è', 'é', 'ê', 'ë' -> out.append('e');
                case 'ì', 'í', 'î', 'ï' -> out.append('i');
                case 'ñ' -> out.append('n');
                case 'ò', 'ó', 'ô', 'õ' -> out.append('o');
                case 'ù', 'ú', 'û' -> out.append('u');
                case 'ÿ', 'ý' -> out.append('y');
                default -> {
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String capitalize(String value) {
        return value.isEmpty() ? value : Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    /**
     * One typing mistake: a character inserted, deleted, replaced (usually by a neighbouring key) or two neighbours
     * transposed. Case follows the character it replaces; values shorter than two characters are left alone.
     */
    static String typo(SplittableRandom random, String value) {
        int length = value.length();
        if (length < 2) {
            return value;
        }
        StringBuilder out = new StringBuilder(value);
        int position = random.nextInt(length);
        switch (random.nextInt(4)) {
            case 0 -> out.insert(position, sameCase(neighbour(random, value.charAt(position)), value.charAt(position)));
            case 1 -> out.deleteCharAt(position);
            case 2 -> {
                char original = value.charAt(position);
                char replacement = sameCase(neighbour(random, original), original);
                out.setCharAt(position, replacement == original ? sameCase('e', original) : replacement);
            }
            default -> {
                int at = Math.min(position, length - 2);
                if (value.charAt(at) == value.charAt(at + 1)) {
                    out.deleteCharAt(at);
                } else {
                    out.setCharAt(at, value.charAt(at + 1));
                    out.setCharAt(at + 1, value.charAt(at));
                }
            }
        }
        return out.toString();
    }

    /** A mistake in a number: one digit replaced, or two neighbouring digits transposed. Other characters stay. */
    static String digitTypo(SplittableRandom random, String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        if (digits < 2) {
            return value;
        }
        int target = random.nextInt(digits);
        StringBuilder out = new StringBuilder(value);
        for (int i = 0, seen = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isDigit(c) || seen++ != target) {
                continue;
            }
            int next = i + 1;
            if (random.nextBoolean()
                    && next < value.length()
                    && Character.isDigit(value.charAt(next))
                    && value.charAt(next) != c) {
                out.setCharAt(i, value.charAt(next));
                out.setCharAt(next, c);
            } else {
                out.setCharAt(i, (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10));
            }
            break;
        }
        return out.toString();
    }

    /**
     * Applies one of the abbreviations that fits the value (Hauptstraße → Hauptstr., Main Street → Main St.), or
     * returns {@code null} when none fits. A capitalised long form must start a word; a lower-case one may end a word
     * (the {@code straße} of Hauptstraße); with {@code wholeWord} both ends must be word boundaries.
     */
    static String abbreviate(
            SplittableRandom random, String value, List<Country.Abbreviation> rules, boolean wholeWord) {
        int matching = 0;
        int[] positions = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            positions[i] = find(value, rules.get(i).longForm(), wholeWord);
            if (positions[i] >= 0) {
                matching++;
            }
        }
        if (matching == 0) {
            return null;
        }
        int chosen = random.nextInt(matching);
        for (int i = 0; i < rules.size(); i++) {
            if (positions[i] < 0 || chosen-- > 0) {
                continue;
            }
            Country.Abbreviation rule = rules.get(i);
            String replacement = rule.shortForms()[random.nextInt(rule.shortForms().length)];
            return value.substring(0, positions[i])
                    + replacement
                    + value.substring(positions[i] + rule.longForm().length());
        }
        return null;
    }

    private static int find(String value, String word, boolean wholeWord) {
        boolean capitalised = Character.isUpperCase(word.charAt(0));
        for (int from = 0; ; ) {
            int at = value.indexOf(word, from);
            if (at < 0) {
                return -1;
            }
            int end = at + word.length();
            boolean startsWord = at == 0 || !Character.isLetter(value.charAt(at - 1));
            boolean endsWord = end == value.length() || !Character.isLetter(value.charAt(end));
            boolean fits = wholeWord ? startsWord && endsWord : capitalised ? startsWord : endsWord;
            if (fits) {
                return at;
            }
            from = at + 1;
        }
    }

    private static char neighbour(SplittableRandom random, char c) {
        char lower = Character.toLowerCase(c);
        if (lower >= 'a' && lower <= 'z' && random.nextInt(10) < 8) {
            String keys = NEIGHBOURS[lower - 'a'];
            return keys.charAt(random.nextInt(keys.length()));
        }
        return (char) ('a' + random.nextInt(26));
    }

    private static char sameCase(char c, char model) {
        return Character.isUpperCase(model) ? Character.toUpperCase(c) : c;
    }
}
