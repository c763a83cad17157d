package org.amalgam.standardize;

import java.util.Locale;
import java.util.Set;

/**
 * Capitalization of person names, word by word (words are separated by spaces):
 *
 * <ul>
 *   <li>A word already written in deliberate mixed case is left alone: it starts with a capital, has a small letter,
 *       and never two capitals in a row ({@code DeShawn}, {@code McDonald}, {@code O'brien}, {@code Van}).
 *   <li>Any other word (all capitals, all small, or {@code mcDONALD}) is rewritten: a capital at the start and after a
 *       hyphen, apostrophe or full stop, and after {@code Mc}; the rest small ({@code JEAN-PAUL} → {@code Jean-Paul},
 *       {@code o'brien} → {@code O'Brien}, {@code mcdonald} → {@code McDonald}, {@code j.r.r.} → {@code J.R.R.}).
 *       {@code Mac} is not treated as a prefix: it would break Macy, Machado and Mackie.
 *   <li>Name particles are small inside a name and capitalized when they start the value, as Dutch and Flemish write
 *       a surname that stands alone: {@code Ludwig VAN beethoven} → {@code Ludwig van Beethoven}, {@code van
 *       der berg} → {@code Van der Berg}, {@code de la cruz} → {@code De la Cruz}. The particles are van, von, der,
 *       den, de, del, della, di, da, das, dos, du, ten, ter, zu, zum, zur; la, las, le, los only right after another
 *       particle (so {@code MARINE LE PEN} keeps {@code Le Pen}).
 *   <li>The suffixes II, III and IV after the first word are capitals.
 * </ul>
 *
 * Typographic apostrophes become {@code '}, so {@code O’Brien} and {@code O'Brien} compare equal.
 */
public final class PersonNameStandardizer implements Standardizer {

    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "ten", "ter", "zu", "zum",
            "zur");
    private static final Set<String> ARTICLES = Set.of("la", "las", "le", "los");
    private static final Set<String> ROMAN = Set.of("ii", "iii", "iv");

    @Override
    public String name() {
        return "person_name";
    }

    @Override
    public Standardized apply(String value) {
        String text = TextStandardizer.fold(value).replace('\u2019', '\'').replace('\u2018', '\'');
        if (text.isEmpty()) {
            return Standardized.empty();
        }
        StringBuilder result = new StringBuilder(text.length());
        boolean afterParticle = false;
        int start = 0;
        int index = 0;
        while (start <= text.length()) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = text.length();
            }
            String word = text.substring(start, end);
            if (index > 0) {
                result.append(' ');
            }
            String lower = word.toLowerCase(Locale.ROOT);
            boolean particle = PARTICLES.contains(lower) || (afterParticle && ARTICLES.contains(lower));
            if (isDeliberate(word)) {
                result.append(word);
            } else if (index > 0 && particle) {
                result.append(lower);
            } else if (index > 0 && ROMAN.contains(lower)) {
                result.append(word.toUpperCase(Locale.ROOT));
            } else {
                capitalize(lower, result);
            }
            afterParticle = particle;
            index++;
            start = end + 1;
        }
        return Standardized.of(result.toString());
    }

    /** Starts with a capital, has a small letter, never two capitals in a row. */
    private static boolean isDeliberate(String word) {
        boolean lower = false;
        boolean previousUpper = false;
        boolean first = true;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                previousUpper = false;
                continue;
            }
            boolean upper = Character.isUpperCase(c) || Character.isTitleCase(c);
            if (first && !upper) {
                return false;
            }
            if (upper && previousUpper) {
                return false;
            }
            lower |= Character.isLowerCase(c);
            previousUpper = upper;
            first = false;
        }
        return lower;
    }

    private static void capitalize(String lower, StringBuilder result) {
        boolean capital = true;
        int segmentStart = result.length();
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (capital && Character.isLetter(c)) {
                result.appendCodePoint(Character.toTitleCase(c));
                capital = false;
            } else {
                result.appendCodePoint(c);
            }
            if (c == '-' || c == '\'' || c == '.') {
                capital = true;
                segmentStart = result.length();
            } else if (result.length() - segmentStart == 2
                    && result.charAt(segmentStart) == 'M'
                    && result.charAt(segmentStart + 1) == 'c'
                    && i < lower.length()) {
                capital = true;
            }
        }
    }
}
