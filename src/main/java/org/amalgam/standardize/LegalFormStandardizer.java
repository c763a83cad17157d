package org.amalgam.standardize;

/**
 * Organization legal forms in one canonical form (see {@link LegalForms}). By default the whole value is kept with its
 * legal form canonical ({@code Acme Widgets limited} → {@code Acme Widgets Ltd.}; a value that is only a legal form,
 * as in a {@code legal_form} column, becomes its canonical form, and an unknown one is kept). It can instead give only
 * the name without the legal form, or only the legal form found at the end of the name (empty when there is none).
 */
public final class LegalFormStandardizer implements Standardizer {

    /** Which part of an organization's name to give. */
    public enum Part {
        WHOLE,
        NAME,
        FORM;

        /** Reads {@code whole}, {@code name} or {@code form}, in any case. */
        public static Part of(String part) {
            for (Part candidate : values()) {
                if (candidate.name().equalsIgnoreCase(part.strip())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("legal form part '" + part + "' is not one of whole, name, form");
        }
    }

    private final Part part;

    public LegalFormStandardizer() {
        this(Part.WHOLE);
    }

    public LegalFormStandardizer(Part part) {
        this.part = part;
    }

    @Override
    public String name() {
        return "legal_form";
    }

    @Override
    public Standardized apply(String value) {
        String result =
                switch (part) {
                    case WHOLE -> LegalForms.standardize(value);
                    case NAME -> LegalForms.split(value).name();
                    case FORM -> LegalForms.split(value).legalForm();
                };
        return result == null ? Standardized.empty() : Standardized.of(result);
    }
}
