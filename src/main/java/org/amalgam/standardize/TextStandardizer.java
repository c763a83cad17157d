package org.amalgam.standardize;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Unicode NFC, control characters removed, runs of white space folded to one space, trimmed. */
public final class TextStandardizer implements Standardizer {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Standardized apply(String value) {
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        normalized = CONTROL.matcher(normalized).replaceAll("");
        normalized = SPACES.matcher(normalized).replaceAll(" ").strip();
        return normalized.isEmpty() ? Standardized.empty() : Standardized.of(normalized);
    }
}
