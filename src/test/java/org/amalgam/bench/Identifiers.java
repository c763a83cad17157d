package org.amalgam.bench;

import java.util.SplittableRandom;

/**
 * National identifiers, company registrations and VAT ids in each country's real shape, with valid check digits
 * where the scheme has them, so that a validating standardizer accepts the clean values.
 */
final class Identifiers {

    private static final String NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
    private static final String NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";

    private Identifiers() {}

    /**
     * DE: Steuer-ID (11 digits, ISO 7064 check digit); US: social security number; GB: national insurance
     * number; FR: NIR (sex, year and month of birth, département from the postal code, key); NL: BSN (11-proof).
     */
    static String nationalId(
            SplittableRandom random, Country country, boolean female, String birthDate, String postal) {
        switch (country.iso2) {
            case "US" -> {
                int area;
                do {
                    area = 1 + random.nextInt(899);
                } while (area == 666);
                StringBuilder out = new StringBuilder(11);
                pad(out, area, 3).append('-');
                pad(out, 1 + random.nextInt(99), 2).append('-');
                return pad(out, 1 + random.nextInt(9999), 4).toString();
            }
            case "GB" -> {
                String prefix;
                do {
                    prefix = "" + NINO_FIRST.charAt(random.nextInt(NINO_FIRST.length()))
                            + NINO_SECOND.charAt(random.nextInt(NINO_SECOND.length()));
                } while (prefix.equals("BG")
                        || prefix.equals("GB")
                        || prefix.equals("NK")
                        || prefix.equals("KN")
                        || prefix.equals("TN")
                        || prefix.equals("NT")
                        || prefix.equals("ZZ"));
                StringBuilder out = new StringBuilder(9).append(prefix);
                digits(random, out, 6);
                return out.append("ABCD".charAt(random.nextInt(4))).toString();
            }
            case "FR" -> {
                StringBuilder out = new StringBuilder(15).append(female ? '2' : '1');
                out.append(birthDate, 2, 4).append(birthDate, 5, 7);
                out.append(postal.length() >= 2 && Character.isDigit(postal.charAt(0)) ? postal.substring(0, 2) : "75");
                pad(out, 1 + random.nextInt(999), 3);
                pad(out, 1 + random.nextInt(999), 3);
                long number = Long.parseLong(out.toString());
                return pad(out, (int) (97 - number % 97), 2).toString();
            }
            case "NL" -> {
                while (true) {
                    StringBuilder out = new StringBuilder(9).append((char) ('1' + random.nextInt(9)));
                    digits(random, out, 7);
                    int sum = 0;
                    for (int i = 0; i < 8; i++) {
                        sum += (9 - i) * (out.charAt(i) - '0');
                    }
                    if (sum % 11 != 10) {
                        return out.append(sum % 11).toString();
                    }
                }
            }
            default -> {
                StringBuilder out = new StringBuilder(11).append((char) ('1' + random.nextInt(9)));
                digits(random, out, 9);
                return out.append(iso7064(out)).toString();
            }
        }
    }

    /**
     * DE: Handelsregister number (HRB for corporations, HRA for partnerships); US: employer identification
     * number; GB: Companies House number (SC for Scotland); FR: SIREN (Luhn); NL: KvK number.
     */
    static String registration(SplittableRandom random, Country.City city, Country.LegalForm form) {
        StringBuilder out = new StringBuilder(12);
        switch (city.country().iso2) {
            case "US" -> {
                pad(out, 10 + random.nextInt(89), 2).append('-');
                digits(random, out, 7);
            }
            case "GB" -> {
                if (city.state().equals("Scotland")) {
                    out.append("SC");
                    digits(random, out, 6);
                } else if (city.state().equals("Northern Ireland")) {
                    out.append("NI");
                    digits(random, out, 6);
                } else {
                    out.append(random.nextInt(4) == 0 ? '1' : '0');
                    digits(random, out, 7);
                }
            }
            case "FR" -> {
                out.append((char) ('1' + random.nextInt(9)));
                digits(random, out, 7);
                out.append(luhn(out));
            }
            case "NL" -> {
                out.append((char) ('1' + random.nextInt(9)));
                digits(random, out, 7);
            }
            default -> {
                out.append(form.register().isEmpty() ? "HRB" : form.register()).append(' ');
                out.append(1 + random.nextInt(random.nextBoolean() ? 99_999 : 250_000));
            }
        }
        return out.toString();
    }

    /** VAT ids of the EU countries and the UK; US companies have none. FR derives it from the SIREN. */
    static String vat(SplittableRandom random, Country country, String registration) {
        StringBuilder out = new StringBuilder(14);
        switch (country.iso2) {
            case "US" -> {
                return "";
            }
            case "GB" -> {
                out.append("GB").append((char) ('1' + random.nextInt(9)));
                digits(random, out, 6);
                int sum = 0;
                for (int i = 0; i < 7; i++) {
                    sum += (8 - i) * (out.charAt(2 + i) - '0');
                }
                pad(out, Math.floorMod(-sum, 97), 2);
            }
            case "FR" -> {
                String siren = registration.length() == 9 ? registration : null;
                if (siren == null) {
                    StringBuilder generated = new StringBuilder(9).append((char) ('1' + random.nextInt(9)));
                    digits(random, generated, 7);
                    siren = generated.append(luhn(generated)).toString();
                }
                out.append("FR");
                pad(out, (int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97), 2)
                        .append(siren);
            }
            case "NL" -> {
                out.append("NL").append((char) ('1' + random.nextInt(9)));
                digits(random, out, 8);
                out.append("B0").append((char) ('1' + random.nextInt(3)));
            }
            default -> {
                StringBuilder digits = new StringBuilder(9).append((char) ('1' + random.nextInt(9)));
                digits(random, digits, 7);
                out.append("DE").append(digits).append(iso7064(digits));
            }
        }
        return out.toString();
    }

    /** ISO 7064 MOD 11,10, the check digit of the Steuer-ID and the German VAT id. */
    static int iso7064(CharSequence digits) {
        int product = 10;
        for (int i = 0; i < digits.length(); i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return check == 10 ? 0 : check;
    }

    static int luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    private static void digits(SplittableRandom random, StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
    }
}
