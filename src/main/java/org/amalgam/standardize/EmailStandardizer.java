package org.amalgam.standardize;

import java.util.Locale;
import java.util.regex.Pattern;

/** Trimmed, lower-case e-mail address; a value that is not an address is rejected with a reason. */
public final class EmailStandardizer implements Standardizer {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");
    private static final String MAILTO = "mailto:";

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Standardized apply(String value) {
        String email = value.strip().toLowerCase(Locale.ROOT);
        if (email.startsWith(MAILTO)) {
            email = email.substring(MAILTO.length());
        }
        if (email.isEmpty()) {
            return Standardized.empty();
        }
        if (!ADDRESS.matcher(email).matches()) {
            return Standardized.invalid("'" + value.strip() + "' is not an e-mail address");
        }
        return Standardized.of(email);
    }
}
