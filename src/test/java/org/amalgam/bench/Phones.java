package org.amalgam.bench;

import java.util.SplittableRandom;

/**
 * Telephone numbers that follow each country's numbering plan (the city's area code, realistic lengths, mobile
 * ranges), kept as {@code "<area> <subscriber>"} and written in one of several common notations.
 */
final class Phones {

    /** {@code +49 30 12345678}, {@code +1 212-555-0134}, {@code +33 1 23 45 67 89} */
    static final int INTERNATIONAL = 0;
    /** {@code 030 12345678}, {@code (212) 555-0134}, {@code 01 23 45 67 89}: no country code */
    static final int NATIONAL = 1;
    /** {@code 00493012345678} */
    static final int DIGITS_00 = 2;
    /** {@code +493012345678} */
    static final int E164 = 3;
    /** {@code +49-30-12345678} */
    static final int DASHED = 4;
    /** {@code 030/12345678}, {@code 212.555.0134} */
    static final int SLASHED = 5;
    /** {@code +49 (0)30 12345678} */
    static final int TRUNK_IN_PARENS = 6;

    static final int STYLES = 7;

    private static final String[] DE_MOBILE = {
        "151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178",
        "179"
    };

    /** German mobile ranges whose subscriber numbers have seven digits; the others have eight. */
    private static final String SEVEN_DIGIT_MOBILE = "170 171 173 174 175";

    private Phones() {}

    static String landline(SplittableRandom random, Country.City city) {
        String area = city.areaCode();
        StringBuilder out = new StringBuilder(16).append(area).append(' ');
        switch (city.country().iso2) {
            case "US" -> {
                int exchange;
                do {
                    exchange = 200 + random.nextInt(800);
                } while (exchange % 100 == 11 || exchange == 555);
                out.append(exchange);
                digits(random, out, 4);
            }
            case "GB" -> {
                String first =
                        switch (area) {
                            case "20" -> "378";
                            case "29" -> "2";
                            case "28" -> "9";
                            case "115" -> "2678";
                            default -> "234";
                        };
                out.append(first.charAt(random.nextInt(first.length())));
                digits(random, out, 9 - area.length());
            }
            case "FR" -> {
                out.append((char) ('1' + random.nextInt(5)));
                digits(random, out, 7);
            }
            case "NL" -> {
                out.append((char) ('2' + random.nextInt(8)));
                digits(random, out, 8 - area.length());
            }
            default -> {
                out.append((char) ('2' + random.nextInt(8)));
                digits(random, out, 9 - area.length());
            }
        }
        return out.toString();
    }

    static String mobile(SplittableRandom random, Country.City city) {
        StringBuilder out = new StringBuilder(16);
        switch (city.country().iso2) {
            case "US" -> {
                return landline(random, city);
            }
            case "GB" -> {
                String prefix;
                do {
                    prefix = "7" + "45789".charAt(random.nextInt(5)) + random.nextInt(10) + random.nextInt(10);
                } while (prefix.equals("7700") || prefix.equals("7911"));
                out.append(prefix).append(' ');
                digits(random, out, 6);
            }
            case "FR" -> {
                boolean six = random.nextInt(3) > 0;
                out.append(six ? '6' : '7').append(' ');
                out.append(six ? "01245678".charAt(random.nextInt(8)) : (char) ('3' + random.nextInt(7)));
                digits(random, out, 7);
            }
            case "NL" -> {
                out.append("6 ").append((char) ('1' + random.nextInt(5)));
                digits(random, out, 7);
            }
            default -> {
                String prefix = DE_MOBILE[random.nextInt(DE_MOBILE.length)];
                out.append(prefix).append(' ');
                out.append((char) ('1' + random.nextInt(9)));
                digits(random, out, SEVEN_DIGIT_MOBILE.contains(prefix) ? 6 : 7);
            }
        }
        return out.toString();
    }

    /** One digit of the subscriber number wrong or two transposed; the area code is left alone. */
    static String mistake(SplittableRandom random, String phone) {
        int space = phone.indexOf(' ');
        return phone.substring(0, space + 1) + Text.digitTypo(random, phone.substring(space + 1));
    }

    static void append(StringBuilder out, Country country, String phone, int style) {
        int space = phone.indexOf(' ');
        if (space < 0) {
            out.append(phone);
            return;
        }
        String area = phone.substring(0, space);
        String subscriber = phone.substring(space + 1);
        boolean us = country.iso2.equals("US");
        switch (style) {
            case INTERNATIONAL -> {
                out.append('+')
                        .append(country.callingCode)
                        .append(' ')
                        .append(area)
                        .append(us ? '-' : ' ');
                group(out, country, area, subscriber);
            }
            case NATIONAL -> {
                if (us) {
                    out.append('(').append(area).append(") ");
                } else {
                    out.append(country.trunkPrefix).append(area).append(' ');
                }
                group(out, country, area, subscriber);
            }
            case DIGITS_00 ->
                out.append("00").append(country.callingCode).append(area).append(subscriber);
            case E164 ->
                out.append('+').append(country.callingCode).append(area).append(subscriber);
            case DASHED ->
                out.append('+')
                        .append(country.callingCode)
                        .append('-')
                        .append(area)
                        .append('-')
                        .append(subscriber);
            case SLASHED -> {
                if (us) {
                    out.append(area)
                            .append('.')
                            .append(subscriber, 0, 3)
                            .append('.')
                            .append(subscriber, 3, subscriber.length());
                } else {
                    out.append(country.trunkPrefix).append(area).append('/').append(subscriber);
                }
            }
            case TRUNK_IN_PARENS -> {
                out.append('+').append(country.callingCode);
                if (us) {
                    out.append(" (").append(area).append(") ");
                } else {
                    out.append(" (")
                            .append(country.trunkPrefix)
                            .append(')')
                            .append(area)
                            .append(' ');
                }
                group(out, country, area, subscriber);
            }
            default -> throw new IllegalArgumentException("phone style " + style);
        }
    }

    private static void group(StringBuilder out, Country country, String area, String subscriber) {
        int length = subscriber.length();
        switch (country.iso2) {
            case "US" -> out.append(subscriber, 0, 3).append('-').append(subscriber, 3, length);
            case "FR" -> {
                for (int i = 0; i < length; i += 2) {
                    out.append(i == 0 ? "" : " ").append(subscriber, i, Math.min(length, i + 2));
                }
            }
            case "GB", "NL" -> {
                if (length == 8 && !area.startsWith("6")) {
                    out.append(subscriber, 0, 4).append(' ').append(subscriber, 4, 8);
                } else if (length == 7) {
                    out.append(subscriber, 0, 3).append(' ').append(subscriber, 3, 7);
                } else {
                    out.append(subscriber);
                }
            }
            default -> out.append(subscriber);
        }
    }

    private static StringBuilder digits(SplittableRandom random, StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out;
    }
}
