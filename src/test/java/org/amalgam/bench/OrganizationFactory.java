package org.amalgam.bench;

import java.util.List;
import java.util.SplittableRandom;

/** Companies of the built-in {@code organization} type, and the mistakes department systems make with them. */
final class OrganizationFactory implements EntityFactory {

    static final List<String> ATTRIBUTES = List.of(
            "name",
            "legal_form",
            "registration_number",
            "vat_id",
            "email",
            "phone",
            "website",
            "street",
            "postal_code",
            "city",
            "state",
            "country");

    static final int NAME = 0;
    static final int LEGAL_FORM = 1;
    static final int REGISTRATION = 2;
    static final int VAT = 3;
    static final int EMAIL = 4;
    static final int PHONE = 5;
    static final int WEBSITE = 6;
    static final int STREET = 7;
    static final int POSTAL = 8;
    static final int CITY = 9;
    static final int STATE = 10;
    static final int COUNTRY = 11;

    private static final Kind[] KINDS = {
        Kind.ORGANIZATION_NAME,
        Kind.LEGAL_FORM,
        Kind.IDENTIFIER,
        Kind.IDENTIFIER,
        Kind.EMAIL,
        Kind.PHONE,
        Kind.WEBSITE,
        Kind.STREET,
        Kind.POSTAL_CODE,
        Kind.CITY,
        Kind.STATE,
        Kind.COUNTRY
    };

    /** The corruptions and how often each is chosen (weights; see docs/data-generator.md). */
    enum Corruption {
        TYPO_IN_NAME(25),
        TYPO_ELSEWHERE(7),
        LEGAL_FORM_VARIANT(12),
        NAME_ABBREVIATION(6),
        UPPER_CASE(4),
        MISSING_VALUE(15),
        MOVED(6),
        STREET_ABBREVIATION(6),
        EMAIL_DOMAIN(5),
        WEBSITE_FORMAT(4),
        PHONE_FORMAT(4),
        WRONG_PHONE(2),
        IDENTIFIER_FORMAT(6);

        final double weight;

        Corruption(double weight) {
            this.weight = weight;
        }
    }

    private static final Picker<Corruption> CORRUPTIONS = Picker.weighted(
            List.of(Corruption.values()),
            List.of(Corruption.values()).stream().mapToDouble(c -> c.weight).toArray());

    private static final Picker<Integer> MISSING = Picker.weighted(
            List.of(LEGAL_FORM, REGISTRATION, VAT, EMAIL, PHONE, WEBSITE, STREET, POSTAL, STATE, CITY, COUNTRY),
            new double[] {10, 12, 12, 12, 12, 12, 8, 8, 8, 3, 3});

    private final Picker<Country> countries;

    OrganizationFactory(Picker<Country> countries) {
        this.countries = countries;
    }

    @Override
    public String type() {
        return "organization";
    }

    @Override
    public String idPrefix() {
        return "O";
    }

    @Override
    public List<String> attributes() {
        return ATTRIBUTES;
    }

    @Override
    public Kind kind(int attribute) {
        return KINDS[attribute];
    }

    @Override
    public void entity(SplittableRandom random, Draft d) {
        d.reset();
        Country c = countries.pick(random);
        d.country = c;
        String[] v = d.values;
        Country.LegalForm form = c.legalForms.pick(random);
        d.legalForm = form;
        v[NAME] = name(random, c);
        v[LEGAL_FORM] = form.shortForm();
        Country.City city = c.cities.pick(random);
        address(random, d, city);
        if (random.nextDouble() < 0.85) {
            v[REGISTRATION] = Identifiers.registration(random, city, form);
        }
        if (random.nextDouble() < 0.8) {
            v[VAT] = Identifiers.vat(random, c, v[REGISTRATION]);
        }
        String host = slug(v[NAME], random.nextBoolean()) + "." + c.tld;
        if (random.nextDouble() < 0.75) {
            v[WEBSITE] = "www." + host;
        }
        if (random.nextDouble() < 0.85) {
            v[EMAIL] = c.mailboxes[random.nextInt(c.mailboxes.length)] + "@" + host;
        }
        if (random.nextDouble() < 0.9) {
            v[PHONE] = Phones.landline(random, city);
        }
        v[COUNTRY] = c.iso2;
    }

    @Override
    public void corrupt(SplittableRandom random, Draft d) {
        int count = random.nextDouble() < 0.6 ? 1 : random.nextDouble() < 0.75 ? 2 : 3;
        for (int i = 0; i < count; i++) {
            if (!apply(CORRUPTIONS.pick(random), random, d)) {
                d.values[NAME] = Text.typo(random, d.values[NAME]);
            }
        }
    }

    private static boolean apply(Corruption corruption, SplittableRandom random, Draft d) {
        String[] v = d.values;
        Country c = d.country;
        switch (corruption) {
            case TYPO_IN_NAME -> v[NAME] = Text.typo(random, v[NAME]);
            case TYPO_ELSEWHERE -> {
                int field = random.nextBoolean() ? STREET : random.nextBoolean() ? CITY : EMAIL;
                if (!d.has(field)) {
                    return false;
                }
                v[field] = Text.typo(random, v[field]);
            }
            case LEGAL_FORM_VARIANT -> {
                Country.LegalForm form = d.legalForm;
                int roll = random.nextInt(100);
                if (roll < 45) {
                    v[LEGAL_FORM] = form.variants()[random.nextInt(form.variants().length)];
                } else if (roll < 70) {
                    v[LEGAL_FORM] = "";
                } else if (roll < 90) {
                    if (!d.has(LEGAL_FORM)) {
                        return false;
                    }
                    v[NAME] = v[NAME] + " " + v[LEGAL_FORM];
                    v[LEGAL_FORM] = "";
                } else {
                    Country.LegalForm other = c.legalForms.pick(random);
                    if (other == form) {
                        return false;
                    }
                    v[LEGAL_FORM] = other.shortForm();
                }
            }
            case NAME_ABBREVIATION -> {
                String abbreviated = Text.abbreviate(random, v[NAME], c.nameAbbreviations, true);
                if (abbreviated == null) {
                    return false;
                }
                v[NAME] = abbreviated;
            }
            case UPPER_CASE -> v[NAME] = Text.upper(v[NAME]);
            case MISSING_VALUE -> {
                int field = MISSING.pick(random);
                if (!d.has(field)) {
                    return false;
                }
                v[field] = "";
            }
            case MOVED -> {
                address(random, d, random.nextBoolean() ? d.city : c.cities.pick(random));
                if (d.has(PHONE) && random.nextBoolean()) {
                    v[PHONE] = Phones.landline(random, d.city);
                }
            }
            case STREET_ABBREVIATION -> {
                String abbreviated = Text.abbreviate(random, v[STREET], c.streetAbbreviations, false);
                if (abbreviated == null) {
                    return false;
                }
                v[STREET] = abbreviated;
            }
            case EMAIL_DOMAIN -> {
                if (!d.has(EMAIL)) {
                    return false;
                }
                int at = v[EMAIL].indexOf('@');
                String host = v[EMAIL].substring(at + 1);
                int dot = host.indexOf('.');
                if (random.nextBoolean()) {
                    String tld = host.substring(dot + 1);
                    v[EMAIL] = v[EMAIL].substring(0, at + 1)
                            + host.substring(0, dot)
                            + (tld.equals("com") ? ".net" : ".com");
                } else {
                    v[EMAIL] = host.substring(0, dot) + "@" + c.emailDomains.pick(random);
                }
            }
            case WEBSITE_FORMAT -> {
                d.websiteShift = 1 + random.nextInt(Websites.STYLES - 1);
                return d.has(WEBSITE);
            }
            case PHONE_FORMAT -> {
                d.phoneShift = 1 + random.nextInt(Phones.STYLES - 1);
                return d.has(PHONE);
            }
            case WRONG_PHONE -> {
                if (!d.has(PHONE)) {
                    return false;
                }
                v[PHONE] = Phones.mistake(random, v[PHONE]);
            }
            case IDENTIFIER_FORMAT -> {
                int field = random.nextBoolean() ? REGISTRATION : VAT;
                if (!d.has(field)) {
                    return false;
                }
                v[field] = field == VAT ? vatVariant(random, v[VAT]) : registrationVariant(random, c, v[REGISTRATION]);
            }
            default -> throw new IllegalStateException(corruption.name());
        }
        return true;
    }

    /** DE123456789 → DE 123 456 789, 123456789 or de123456789. */
    private static String vatVariant(SplittableRandom random, String vat) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                StringBuilder out = new StringBuilder(vat.substring(0, 2));
                for (int i = 2; i < vat.length(); i += 3) {
                    out.append(' ').append(vat, i, Math.min(vat.length(), i + 3));
                }
                yield out.toString();
            }
            case 1 -> vat.substring(2);
            default -> Text.lower(vat);
        };
    }

    /** HRB 12345 → HRB12345 or 12345; 01234567 → 1234567 (a spreadsheet ate the zero); 123456789 → 123 456 789. */
    private static String registrationVariant(SplittableRandom random, Country c, String number) {
        switch (c.iso2) {
            case "DE" -> {
                int space = number.indexOf(' ');
                return random.nextBoolean() ? number.replace(" ", "") : number.substring(space + 1);
            }
            case "GB" -> {
                return number.startsWith("0") ? number.substring(1) : number.toLowerCase();
            }
            case "FR" -> {
                return number.substring(0, 3) + " " + number.substring(3, 6) + " " + number.substring(6);
            }
            case "NL" -> {
                return "KvK " + number;
            }
            default -> {
                return number.replace("-", "");
            }
        }
    }

    /** Müller & Söhne → mueller-soehne or muellersoehne: the company's domain name. */
    static String slug(String name, boolean hyphens) {
        StringBuilder out = new StringBuilder(name.length());
        for (String word : name.split("[ &-]+")) {
            String ascii = Text.asciiLower(word);
            if (!ascii.isEmpty()) {
                out.append(hyphens && out.length() > 0 ? "-" : "").append(ascii);
            }
        }
        return out.length() == 0 ? "company" : out.toString();
    }

    private static void address(SplittableRandom random, Draft d, Country.City city) {
        Country c = city.country();
        d.city = city;
        String street = c.street(random);
        String number = PersonFactory.houseNumber(random, c);
        boolean numberFirst = c.iso2.equals("US") || c.iso2.equals("GB") || c.iso2.equals("FR");
        d.values[STREET] = numberFirst ? number + " " + street : street + " " + number;
        d.values[POSTAL] = PersonFactory.postalCode(random, city);
        d.values[CITY] = city.name();
        d.values[STATE] = city.state();
    }

    /** Müller Logistik, Schmidt & Weber, Rhein Energie, Novatec Systems, Transports Martin, Bakker Bouw … */
    private static String name(SplittableRandom random, Country c) {
        String industry = c.industries[random.nextInt(c.industries.length)];
        int roll = random.nextInt(100);
        boolean fr = c.iso2.equals("FR");
        if (roll < 30) {
            String surname = PersonFactory.surname(random, c);
            return fr ? industry + " " + surname : surname + " " + industry;
        }
        if (roll < 42) {
            String connector = c.connectors[random.nextInt(c.connectors.length)];
            return PersonFactory.surname(random, c) + " " + connector + " " + PersonFactory.surname(random, c);
        }
        if (roll < 50) {
            String family = c.families[random.nextInt(c.families.length)];
            String surname = PersonFactory.surname(random, c);
            return family.equals("Groupe") ? family + " " + surname : surname + " " + family;
        }
        if (roll < 70) {
            String place = c.places[random.nextInt(c.places.length)];
            return fr ? industry + " " + place : place + " " + industry;
        }
        if (roll < 92) {
            String[] prefixes = Country.coinedPrefixes();
            String[] suffixes = Country.coinedSuffixes();
            String coined = prefixes[random.nextInt(prefixes.length)] + suffixes[random.nextInt(suffixes.length)];
            return random.nextBoolean() ? coined : coined + " " + industry;
        }
        if (fr && roll < 96) {
            return "Établissements " + PersonFactory.surname(random, c);
        }
        String letters = "ABCDEFGHKLMNPRSTW";
        return "" + letters.charAt(random.nextInt(letters.length())) + letters.charAt(random.nextInt(letters.length()))
                + letters.charAt(random.nextInt(letters.length())) + " " + industry;
    }
}
