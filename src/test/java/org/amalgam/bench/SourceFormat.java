package org.amalgam.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one department system writes its file: its column names, key style, delimiter, line ends, and the formats
 * it uses for dates, phones, countries, genders and case. Four profiles modelled on systems every integration
 * engineer meets: a CRM that follows the hub's names, a legacy ERP, a web shop and a spreadsheet export.
 */
final class SourceFormat {

    static final List<String> PROFILES = List.of("standard", "erp", "shop", "legacy");

    /** A bijection on the eight-character base-36 keys: unique, and no order to read anything from. */
    private static final Permutation OPAQUE_KEYS = new Permutation(2_821_109_907_456L, 0x5_40B);

    enum CountryStyle {
        ISO2,
        ISO3,
        ENGLISH,
        LOCAL
    }

    final String profile;
    final char delimiter;
    final String lineEnd;
    final boolean quoteAll;
    final boolean byteOrderMark;
    final int dateStyle;
    final int phoneStyle;
    final int websiteStyle;
    final CountryStyle countryStyle;
    final String male;
    final String female;
    final boolean upperNames;
    final boolean upperAddress;
    final boolean upperLastName;
    final boolean legalFormInName;
    private final Map<String, String> personColumns = new LinkedHashMap<>();
    private final Map<String, String> organizationColumns = new LinkedHashMap<>();
    private boolean[] keeps;
    private String keepsType;

    private SourceFormat(
            String profile,
            char delimiter,
            String lineEnd,
            boolean quoteAll,
            boolean byteOrderMark,
            int dateStyle,
            int phoneStyle,
            int websiteStyle,
            CountryStyle countryStyle,
            String male,
            String female,
            boolean upperNames,
            boolean upperAddress,
            boolean upperLastName,
            boolean legalFormInName,
            String personColumns,
            String organizationColumns) {
        this.profile = profile;
        this.delimiter = delimiter;
        this.lineEnd = lineEnd;
        this.quoteAll = quoteAll;
        this.byteOrderMark = byteOrderMark;
        this.dateStyle = dateStyle;
        this.phoneStyle = phoneStyle;
        this.websiteStyle = websiteStyle;
        this.countryStyle = countryStyle;
        this.male = male;
        this.female = female;
        this.upperNames = upperNames;
        this.upperAddress = upperAddress;
        this.upperLastName = upperLastName;
        this.legalFormInName = legalFormInName;
        columns(PersonFactory.ATTRIBUTES, personColumns, this.personColumns);
        columns(OrganizationFactory.ATTRIBUTES, organizationColumns, this.organizationColumns);
    }

    static SourceFormat of(String profile) {
        return switch (profile) {
            case "standard" ->
                new SourceFormat(
                        profile,
                        ',',
                        "\n",
                        false,
                        false,
                        Dates.ISO,
                        Phones.INTERNATIONAL,
                        0,
                        CountryStyle.ISO2,
                        "M",
                        "F",
                        false,
                        false,
                        false,
                        false,
                        "*",
                        "*");
            case "erp" ->
                new SourceFormat(
                        profile,
                        ',',
                        "\r\n",
                        false,
                        false,
                        Dates.COMPACT,
                        Phones.DIGITS_00,
                        1,
                        CountryStyle.ISO3,
                        "MALE",
                        "FEMALE",
                        true,
                        true,
                        false,
                        true,
                        "FIRSTNAME|MIDDLENAME|LASTNAME|BIRTHDATE|SEX|EMAIL|PHONE|STREET|HOUSENO|ZIP|CITY|REGION|COUNTRY|TAXID",
                        "NAME1|-|REGNO|VATNO|EMAIL|PHONE|WWW|STREET|ZIP|CITY|REGION|COUNTRY");
            case "shop" ->
                new SourceFormat(
                        profile,
                        ',',
                        "\n",
                        true,
                        false,
                        Dates.DOTTED,
                        Phones.NATIONAL,
                        2,
                        CountryStyle.ENGLISH,
                        "m",
                        "f",
                        false,
                        false,
                        false,
                        false,
                        "given_name|-|family_name|date_of_birth|gender|email|phone|street|house_no|zip_code|city|state|country|-",
                        "company|legal_form|-|vat_id|email|phone|website|street|zip_code|city|state|country");
            case "legacy" ->
                new SourceFormat(
                        profile,
                        ';',
                        "\r\n",
                        false,
                        true,
                        Dates.SLASHED,
                        Phones.DASHED,
                        3,
                        CountryStyle.LOCAL,
                        "male",
                        "female",
                        false,
                        false,
                        true,
                        false,
                        "First Name|Middle Name|Last Name|Date of Birth|Gender|E-Mail|Telephone|Street|House No.|Postcode|Town|County/State|Country|National ID",
                        "Company Name|Legal Form|Registration No.|VAT No.|E-Mail|Telephone|Web|Street|Postcode|Town|County/State|Country");
            default ->
                throw new IllegalArgumentException(
                        "unknown format '" + profile + "' (known: " + String.join(",", PROFILES) + ")");
        };
    }

    /** {@code *}: the attribute names themselves; else one column per attribute, {@code -} for none. */
    private static void columns(List<String> attributes, String spec, Map<String, String> into) {
        String[] names = spec.equals("*") ? attributes.toArray(String[]::new) : spec.split("\\|");
        if (names.length != attributes.size()) {
            throw new IllegalStateException("column list of " + attributes.size() + " expected: " + spec);
        }
        for (int i = 0; i < names.length; i++) {
            into.put(attributes.get(i), names[i].equals("-") ? null : names[i]);
        }
    }

    /** The column this source writes an attribute to, or {@code null} when it does not keep that attribute. */
    String column(String type, String attribute) {
        return (type.equals("person") ? personColumns : organizationColumns).get(attribute);
    }

    /** CRM-0000042, 1000042, K3J9Q0ZD (a web shop's opaque id), 00000042 (zero-padded, as legacy systems do). */
    String key(String prefix, long sequence) {
        StringBuilder out = new StringBuilder(16);
        switch (profile) {
            case "standard" -> {
                out.append(prefix).append('-');
                pad(out, sequence, 7);
            }
            case "erp" -> out.append(1_000_000 + sequence);
            case "shop" -> {
                long mixed = OPAQUE_KEYS.apply(sequence);
                char[] digits = new char[8];
                for (int i = 7; i >= 0; i--) {
                    digits[i] = Character.toUpperCase(Character.forDigit((int) (mixed % 36), 36));
                    mixed /= 36;
                }
                out.append(digits);
            }
            default -> pad(out, sequence, 8);
        }
        return out.toString();
    }

    void header(StringBuilder line, EntityFactory factory) {
        line.setLength(0);
        if (byteOrderMark) {
            line.append('\uFEFF');
        }
        escape(line, "id");
        for (String attribute : factory.attributes()) {
            String column = column(factory.type(), attribute);
            if (column != null) {
                line.append(delimiter);
                escape(line, column);
            }
        }
        line.append(lineEnd);
    }

    /** One row: the key, then each attribute this source keeps, formatted its way. {@code field} is scratch space. */
    void row(StringBuilder line, StringBuilder field, String key, Draft d, EntityFactory factory) {
        line.setLength(0);
        escape(line, key);
        boolean[] keeps = keeps(factory);
        for (int i = 0; i < keeps.length; i++) {
            if (!keeps[i]) {
                continue;
            }
            field.setLength(0);
            String value = d.values[i];
            if (!value.isEmpty()) {
                format(field, factory.kind(i), value, d);
            }
            line.append(delimiter);
            escape(line, field);
        }
        line.append(lineEnd);
    }

    private boolean[] keeps(EntityFactory factory) {
        if (keeps == null || !factory.type().equals(keepsType)) {
            List<String> attributes = factory.attributes();
            keeps = new boolean[attributes.size()];
            for (int i = 0; i < keeps.length; i++) {
                keeps[i] = column(factory.type(), attributes.get(i)) != null;
            }
            keepsType = factory.type();
        }
        return keeps;
    }

    private void format(StringBuilder out, Kind kind, String value, Draft d) {
        switch (kind) {
            case FIRST_NAME, MIDDLE_NAME -> out.append(upperNames ? Text.upper(value) : value);
            case LAST_NAME -> out.append(upperNames || upperLastName ? Text.upper(value) : value);
            case DATE -> Dates.append(out, value, (dateStyle + d.dateShift) % Dates.STYLES);
            case GENDER -> out.append(value.equals("F") ? female : value.equals("M") ? male : value);
            case PHONE -> Phones.append(out, d.country, value, (phoneStyle + d.phoneShift) % Phones.STYLES);
            case STREET, CITY, STATE -> out.append(upperAddress ? Text.upper(value) : value);
            case COUNTRY -> out.append(country(Country.of(value)));
            case WEBSITE -> Websites.append(out, value, (websiteStyle + d.websiteShift) % Websites.STYLES);
            case ORGANIZATION_NAME -> {
                String legalForm = d.values[OrganizationFactory.LEGAL_FORM];
                String name = legalFormInName && !legalForm.isEmpty() ? value + " " + legalForm : value;
                out.append(upperNames ? Text.upper(name) : name);
            }
            default -> out.append(value);
        }
    }

    String country(Country country) {
        return switch (countryStyle) {
            case ISO2 -> country.iso2;
            case ISO3 -> country.iso3;
            case ENGLISH -> country.englishName;
            case LOCAL -> country.nativeName;
        };
    }

    /** The import mapping (API.md) that reads this source's file into the entity type's attributes. */
    String mapping(EntityFactory factory) {
        StringBuilder json = new StringBuilder("{\n  \"key\": \"id\",\n  \"attributes\": {");
        boolean first = true;
        for (String attribute : factory.attributes()) {
            String column = column(factory.type(), attribute);
            if (column != null) {
                json.append(first ? "\n" : ",\n")
                        .append("    \"")
                        .append(attribute)
                        .append("\": \"");
                json.append(column.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                first = false;
            }
        }
        return json.append("\n  }\n}\n").toString();
    }

    /** RFC 4180: quote a field holding the delimiter, a quote or a line break (or every field, if the source does). */
    private void escape(StringBuilder line, CharSequence value) {
        boolean quote = quoteAll;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    private static void pad(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }
}
