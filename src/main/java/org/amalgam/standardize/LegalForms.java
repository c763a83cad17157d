package org.amalgam.standardize;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Organization legal forms: recognises a legal form at the end of an organization's name, written in any of its
 * usual ways, and gives its one canonical form. {@code Gesellschaft mit beschränkter Haftung}, {@code GMBH} and {@code
 * gmbh} are {@code GmbH}; {@code Incorporated} and {@code INC} are {@code Inc.}; {@code S.A}, {@code SA}, {@code S. A.}
 * and {@code Société anonyme} are {@code S.A.}.
 *
 * <p>Case, dots, spaces, parentheses and accents do not matter; the longest form wins ({@code Pty Ltd} before {@code
 * Ltd.}, {@code GmbH & Co. KG} before {@code KG}). {@code S.p.A.} is only recognised with its dots or as {@code SpA},
 * because "spa" is also a word.
 */
public final class LegalForms {

    /** Canonical form, then the ways it is written (the canonical one is always included). */
    private static final List<List<String>> FORMS = List.of(
            List.of(
                    "GmbH",
                    "Gesellschaft mit beschränkter Haftung",
                    "Gesellschaft mit beschraenkter Haftung",
                    "Gesellschaft mbH",
                    "Ges.m.b.H."),
            List.of(
                    "GmbH & Co. KG",
                    "GmbH & Co KG",
                    "GmbH u. Co. KG",
                    "GmbH und Co. KG",
                    "GmbH + Co. KG",
                    "GmbH & Compagnie KG"),
            List.of("AG & Co. KG", "AG & Co KG", "AG u. Co. KG", "AG und Co. KG"),
            List.of("UG (haftungsbeschränkt)", "UG", "UG haftungsbeschraenkt"),
            List.of("AG", "Aktiengesellschaft"),
            List.of("KG", "Kommanditgesellschaft"),
            List.of("KGaA", "Kommanditgesellschaft auf Aktien"),
            List.of("OHG", "Offene Handelsgesellschaft"),
            List.of("SE", "Societas Europaea"),
            List.of("Inc.", "Incorporated"),
            List.of("Corp.", "Corporation"),
            List.of("Co.", "Company"),
            List.of("Co., Ltd."),
            List.of("Ltd.", "Limited"),
            List.of("Pty Ltd", "Proprietary Limited"),
            List.of("plc", "Public Limited Company"),
            List.of("LLC", "Limited Liability Company"),
            List.of("LLP", "Limited Liability Partnership"),
            List.of("S.A.", "Société anonyme", "Sociedad anónima", "Sociedade anónima", "Società anonima"),
            List.of("S.A.S.", "Société par actions simplifiée"),
            List.of("S.L.", "Sociedad limitada"),
            List.of("S.r.l.", "Società a responsabilità limitata"),
            List.of("S.p.A.", "Società per azioni"),
            List.of("B.V.", "Besloten vennootschap"),
            List.of("N.V.", "Naamloze vennootschap"),
            List.of("AB", "Aktiebolag"));

    /** Words that join a name to what follows: "Tiffany & Co." is a name, not "Tiffany" of legal form "Co.". */
    private static final Set<String> CONJUNCTIONS = Set.of("&", "+", "and", "und", "et", "y", "e");

    private static final Map<String, String> BY_KEY = new HashMap<>();
    private static final int MAX_WORDS;

    static {
        int maxWords = 1;
        for (List<String> form : FORMS) {
            for (String written : form) {
                String earlier = BY_KEY.put(key(written), form.get(0));
                if (earlier != null && !earlier.equals(form.get(0))) {
                    throw new IllegalStateException(written + " would be both " + earlier + " and " + form.get(0));
                }
                maxWords = Math.max(maxWords, written.split(" ").length);
            }
        }
        MAX_WORDS = maxWords;
    }

    private LegalForms() {}

    /** The canonical forms, e.g. {@code GmbH}, {@code Inc.}, {@code S.A.}. */
    public static List<String> canonicalForms() {
        return FORMS.stream().map(form -> form.get(0)).toList();
    }

    /** The canonical form of a legal form written alone ({@code limited} → {@code Ltd.}), or null if unknown. */
    public static String canonical(String legalForm) {
        String text = TextStandardizer.fold(legalForm);
        return text.isEmpty() ? null : lookup(text);
    }

    /**
     * Splits an organization's name from the legal form at its end: {@code Acme Widgets Ltd} gives {@code Acme Widgets}
     * and {@code Ltd.}; a comma before the legal form goes with it ({@code Acme, Inc.}). A name without a recognised
     * legal form, or one whose last word before it joins ({@code Tiffany & Co.}), comes back whole with no legal form.
     */
    public static OrganizationName split(String organizationName) {
        String text = TextStandardizer.fold(organizationName);
        if (text.isEmpty()) {
            return new OrganizationName(null, null);
        }
        String[] words = text.split(" ");
        for (int k = Math.min(MAX_WORDS, words.length - 1); k >= 1; k--) {
            String form = lookup(String.join(" ", List.of(words).subList(words.length - k, words.length)));
            if (form != null) {
                String last = words[words.length - k - 1];
                if (CONJUNCTIONS.contains(last.toLowerCase(Locale.ROOT))) {
                    break;
                }
                String name = String.join(" ", List.of(words).subList(0, words.length - k));
                if (name.endsWith(",")) {
                    name = name.substring(0, name.length() - 1).strip();
                }
                if (!name.isEmpty()) {
                    return new OrganizationName(name, form);
                }
            }
        }
        String whole = lookup(text);
        return whole != null ? new OrganizationName(null, whole) : new OrganizationName(text, null);
    }

    /** The name with its legal form in canonical form ({@code Acme, Incorporated} → {@code Acme Inc.}). */
    public static String standardize(String organizationName) {
        OrganizationName split = split(organizationName);
        if (split.legalForm() == null) {
            return split.name();
        }
        return split.name() == null ? split.legalForm() : split.name() + " " + split.legalForm();
    }

    private static String lookup(String written) {
        String form = BY_KEY.get(key(written));
        if ("S.p.A.".equals(form) && written.indexOf('.') < 0 && !written.equals("SpA") && written.indexOf(' ') < 0) {
            return null;
        }
        return form;
    }

    /** Lower-case letters, digits, {@code &} and {@code +}, accents removed. */
    private static String key(String written) {
        String text = written;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                text = Normalizer.normalize(text, Normalizer.Form.NFD);
                break;
            }
        }
        StringBuilder key = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '&' || c == '+') {
                key.append(Character.toLowerCase(c));
            }
        }
        return key.toString();
    }
}
