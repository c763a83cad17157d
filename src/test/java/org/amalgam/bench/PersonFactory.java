package org.amalgam.bench;

import java.util.List;
import java.util.SplittableRandom;

/** Persons of the built-in {@code person} type, and the mistakes department systems make with them. */
final class PersonFactory implements EntityFactory {

    static final List<String> ATTRIBUTES = List.of(
            "first_name",
            "middle_name",
            "last_name",
            "birth_date",
            "gender",
            "email",
            "phone",
            "street",
            "house_number",
            "postal_code",
            "city",
            "state",
            "country",
            "national_id");

    static final int FIRST = 0;
    static final int MIDDLE = 1;
    static final int LAST = 2;
    static final int BIRTH = 3;
    static final int GENDER = 4;
    static final int EMAIL = 5;
    static final int PHONE = 6;
    static final int STREET = 7;
    static final int HOUSE = 8;
    static final int POSTAL = 9;
    static final int CITY = 10;
    static final int STATE = 11;
    static final int COUNTRY = 12;
    static final int NATIONAL_ID = 13;

    private static final Kind[] KINDS = {
        Kind.FIRST_NAME,
        Kind.MIDDLE_NAME,
        Kind.LAST_NAME,
        Kind.DATE,
        Kind.GENDER,
        Kind.EMAIL,
        Kind.PHONE,
        Kind.STREET,
        Kind.HOUSE_NUMBER,
        Kind.POSTAL_CODE,
        Kind.CITY,
        Kind.STATE,
        Kind.COUNTRY,
        Kind.IDENTIFIER
    };

    /** The corruptions and how often each is chosen (weights; see docs/data-generator.md). */
    enum Corruption {
        TYPO_IN_NAME(24),
        TYPO_ELSEWHERE(8),
        NICKNAME(8),
        SWAPPED_NAMES(5),
        MISSING_VALUE(15),
        DATE_FORMAT(4),
        WRONG_DATE(5),
        PHONE_FORMAT(5),
        WRONG_PHONE(2),
        UPPER_CASE(4),
        ABBREVIATION(6),
        MOVED(6),
        EMAIL_DOMAIN(5),
        NEW_SURNAME(2),
        INITIAL(3);

        final double weight;

        Corruption(double weight) {
            this.weight = weight;
        }
    }

    private static final Picker<Corruption> CORRUPTIONS = Picker.weighted(
            List.of(Corruption.values()),
            List.of(Corruption.values()).stream().mapToDouble(c -> c.weight).toArray());

    private static final Picker<Integer> MISSING = Picker.weighted(
            List.of(
                    MIDDLE,
                    BIRTH,
                    GENDER,
                    EMAIL,
                    PHONE,
                    STREET,
                    HOUSE,
                    POSTAL,
                    CITY,
                    STATE,
                    COUNTRY,
                    NATIONAL_ID,
                    FIRST),
            new double[] {8, 12, 6, 14, 14, 6, 5, 8, 5, 10, 4, 12, 3});

    private final Picker<Country> countries;

    PersonFactory(Picker<Country> countries) {
        this.countries = countries;
    }

    @Override
    public String type() {
        return "person";
    }

    @Override
    public String idPrefix() {
        return "P";
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
        d.female = random.nextBoolean();
        String[] v = d.values;
        v[FIRST] = c.firstName(random, d.female);
        if (random.nextDouble() < c.middleNameShare) {
            String middle = c.firstName(random, d.female);
            v[MIDDLE] = middle.equals(v[FIRST]) ? c.firstName(random, d.female) : middle;
            if (v[MIDDLE].equals(v[FIRST])) {
                v[MIDDLE] = "";
            }
        }
        v[LAST] = surname(random, c);
        v[BIRTH] = Dates.birthDate(random);
        v[GENDER] = d.female ? "F" : "M";
        Country.City city = c.cities.pick(random);
        address(random, d, city);
        if (random.nextDouble() < 0.85) {
            v[EMAIL] = email(random, c, v[FIRST], v[LAST], v[BIRTH]);
        }
        if (random.nextDouble() < 0.8) {
            v[PHONE] = random.nextDouble() < 0.55 ? Phones.mobile(random, city) : Phones.landline(random, city);
        }
        v[COUNTRY] = c.iso2;
        if (random.nextDouble() < 0.7) {
            v[NATIONAL_ID] = Identifiers.nationalId(random, c, d.female, v[BIRTH], v[POSTAL]);
        }
    }

    @Override
    public void corrupt(SplittableRandom random, Draft d) {
        int count = random.nextDouble() < 0.6 ? 1 : random.nextDouble() < 0.75 ? 2 : 3;
        for (int i = 0; i < count; i++) {
            if (!apply(CORRUPTIONS.pick(random), random, d)) {
                typoInName(random, d);
            }
        }
    }

    private static boolean apply(Corruption corruption, SplittableRandom random, Draft d) {
        String[] v = d.values;
        Country c = d.country;
        switch (corruption) {
            case TYPO_IN_NAME -> {
                return typoInName(random, d);
            }
            case TYPO_ELSEWHERE -> {
                int roll = random.nextInt(100);
                int field = roll < 35 ? STREET : roll < 55 ? CITY : roll < 80 ? EMAIL : NATIONAL_ID;
                if (!d.has(field)) {
                    return false;
                }
                if (field == EMAIL) {
                    int at = v[EMAIL].indexOf('@');
                    v[EMAIL] = Text.typo(random, v[EMAIL].substring(0, at)) + v[EMAIL].substring(at);
                } else if (field == NATIONAL_ID) {
                    v[field] = Text.digitTypo(random, v[field]);
                } else {
                    v[field] = Text.typo(random, v[field]);
                }
                return true;
            }
            case NICKNAME -> {
                String[] nicknames = Country.nicknames().get(v[FIRST]);
                if (nicknames == null) {
                    return false;
                }
                v[FIRST] = nicknames[random.nextInt(nicknames.length)];
                return true;
            }
            case SWAPPED_NAMES -> {
                String first = v[FIRST];
                v[FIRST] = v[LAST];
                v[LAST] = first;
                return true;
            }
            case MISSING_VALUE -> {
                for (int attempt = 0; attempt < 3; attempt++) {
                    int field = MISSING.pick(random);
                    if (d.has(field)) {
                        v[field] = "";
                        return true;
                    }
                }
                return false;
            }
            case DATE_FORMAT -> {
                d.dateShift = 1 + random.nextInt(Dates.STYLES - 1);
                return d.has(BIRTH);
            }
            case WRONG_DATE -> {
                if (!d.has(BIRTH)) {
                    return false;
                }
                v[BIRTH] = Dates.mistake(random, v[BIRTH]);
                return true;
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
                return true;
            }
            case UPPER_CASE -> {
                v[LAST] = Text.upper(v[LAST]);
                if (random.nextInt(5) < 2) {
                    v[FIRST] = Text.upper(v[FIRST]);
                    v[MIDDLE] = Text.upper(v[MIDDLE]);
                }
                return true;
            }
            case ABBREVIATION -> {
                String abbreviated =
                        d.has(STREET) ? Text.abbreviate(random, v[STREET], c.streetAbbreviations, false) : null;
                if (abbreviated == null) {
                    return false;
                }
                v[STREET] = abbreviated;
                return true;
            }
            case MOVED -> {
                Country.City city = random.nextBoolean() ? d.city : c.cities.pick(random);
                address(random, d, city);
                return true;
            }
            case EMAIL_DOMAIN -> {
                if (!d.has(EMAIL)) {
                    return false;
                }
                int at = v[EMAIL].indexOf('@');
                String old = v[EMAIL].substring(at + 1);
                String domain = c.emailDomains.pick(random);
                if (domain.equals(old)) {
                    domain = old.equals("gmail.com") ? "outlook.com" : "gmail.com";
                }
                v[EMAIL] = v[EMAIL].substring(0, at + 1) + domain;
                return true;
            }
            case NEW_SURNAME -> {
                if (!d.female) {
                    return false;
                }
                String other = c.surnames.pick(random);
                if (other.equals(v[LAST])) {
                    return false;
                }
                v[LAST] = random.nextBoolean() && c.iso2.equals("DE") ? v[LAST] + "-" + other : other;
                return true;
            }
            case INITIAL -> {
                int field = d.has(MIDDLE) && random.nextBoolean() ? MIDDLE : FIRST;
                if (v[field].length() < 2) {
                    return false;
                }
                v[field] = v[field].charAt(0) + (random.nextInt(4) == 0 ? "" : ".");
                return true;
            }
            default -> throw new IllegalStateException(corruption.name());
        }
    }

    private static boolean typoInName(SplittableRandom random, Draft d) {
        int roll = random.nextInt(100);
        int field = roll < 40 ? FIRST : roll < 90 || !d.has(MIDDLE) ? LAST : MIDDLE;
        if (d.values[field].length() < 2) {
            field = d.values[LAST].length() >= 2 ? LAST : FIRST;
        }
        d.values[field] = Text.typo(random, d.values[field]);
        return true;
    }

    private static void address(SplittableRandom random, Draft d, Country.City city) {
        Country c = city.country();
        d.city = city;
        String[] v = d.values;
        v[STREET] = c.street(random);
        v[HOUSE] = houseNumber(random, c);
        v[POSTAL] = postalCode(random, city);
        v[CITY] = city.name();
        v[STATE] = city.state();
    }

    /**
     * Six in ten from the country's common surnames (most common first, so Müller and Smith are frequent), four in
     * ten rarer names built from parts (Rosenbach, Whitfield, Beaumont, Hoogkamp): the long tail real registers have,
     * and what term-frequency adjustment in matching feeds on.
     */
    static String surname(SplittableRandom random, Country c) {
        double u = random.nextDouble();
        if (u < 0.40) {
            String prefix = c.surnamePrefixes[random.nextInt(c.surnamePrefixes.length)];
            String suffix = c.surnameSuffixes[random.nextInt(c.surnameSuffixes.length)];
            String name = prefix + suffix;
            return c.iso2.equals("NL") && u < 0.06 ? "van " + name : name;
        }
        if (u < 0.43 && c.iso2.equals("DE")) {
            return c.surnames.pick(random) + "-" + c.surnames.pick(random);
        }
        return c.surnames.pick(random);
    }

    static String houseNumber(SplittableRandom random, Country c) {
        double u = random.nextDouble();
        if (c.iso2.equals("US")) {
            return Integer.toString(1 + (int) (Math.pow(u, 1.5) * 9800));
        }
        String number = Integer.toString(1 + (int) (u * u * 160));
        int roll = random.nextInt(100);
        return switch (c.iso2) {
            case "DE" -> roll < 6 ? number + (char) ('a' + random.nextInt(3)) : number;
            case "NL" ->
                roll < 6
                        ? number + (char) ('A' + random.nextInt(3))
                        : roll < 9 ? number + "-" + (1 + random.nextInt(3)) : number;
            case "FR" -> roll < 4 ? number + " bis" : number;
            default -> roll < 3 ? number + (char) ('A' + random.nextInt(2)) : number;
        };
    }

    static String postalCode(SplittableRandom random, Country.City city) {
        String code = city.postalCodes()[random.nextInt(city.postalCodes().length)];
        switch (city.country().iso2) {
            case "GB" -> {
                String letters = "ABDEFGHJLNPQRSTUWXYZ";
                return code + " " + random.nextInt(10) + letters.charAt(random.nextInt(letters.length()))
                        + letters.charAt(random.nextInt(letters.length()));
            }
            case "NL" -> {
                String letters = "ABCDEGHJKLMNPRSTVWXZ";
                String suffix;
                do {
                    suffix = "" + letters.charAt(random.nextInt(letters.length()))
                            + letters.charAt(random.nextInt(letters.length()));
                } while (suffix.equals("SA") || suffix.equals("SD") || suffix.equals("SS"));
                return code + " " + suffix;
            }
            default -> {
                return code;
            }
        }
    }

    /** Addresses as people make them up: jane.doe@, jdoe@, jane.doe84@, doe.jane@ … at the country's usual mail hosts. */
    static String email(SplittableRandom random, Country c, String first, String last, String birthDate) {
        String f = Text.asciiLower(first);
        String l = Text.asciiLower(last);
        String yy = birthDate.substring(2, 4);
        int roll = random.nextInt(100);
        String local;
        if (roll < 35) {
            local = f + "." + l;
        } else if (roll < 45) {
            local = f + l;
        } else if (roll < 57) {
            local = f.charAt(0) + "." + l;
        } else if (roll < 62) {
            local = f + "_" + l;
        } else if (roll < 72) {
            local = f + "." + l + yy;
        } else if (roll < 77) {
            local = l + "." + f;
        } else if (roll < 87) {
            local = f + (random.nextBoolean() ? yy : Integer.toString(1 + random.nextInt(999)));
        } else if (roll < 92) {
            local = l + f.charAt(0);
        } else {
            local = f + "." + l + (1 + random.nextInt(99));
        }
        return local + "@" + c.emailDomains.pick(random);
    }
}
