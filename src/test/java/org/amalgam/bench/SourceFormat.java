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
    char delimiter = ',';
    String lineEnd = "\n";
    boolean quoteAll;
    boolean byteOrderMark;
    int dateStyle = Dates.ISO;
    int phoneStyle = Phones.INTERNATIONAL;
    int websiteStyle;
    CountryStyle countryStyle = CountryStyle.ISO2;
    String male = "M";
    String female = "F";
    boolean upperNames;
    boolean upperAddress;
    boolean upperLastName;
    boolean legalFormInName;
    private final Map<String, String> personColumns = new LinkedHashMap<>();
    private final Map<String, String> organizationColumns = new LinkedHashMap<>();
    private final boolean[] keepsPerson;
    private final boolean[] keepsOrganization;

    private SourceFormat(String profile, String personColumns, String organizationColumns) {
        this.profile = profile;
        columns(PersonFactory.ATTRIBUTES, personColumns, this.personColumns);
        columns(OrganizationFactory.ATTRIBUTES, organizationColumns, this.organizationColumns);
        this.keepsPerson = keeps(PersonFactory.ATTRIBUTES, this.personColumns);
        this.keepsOrganization = keeps(OrganizationFactory.ATTRIBUTES, this.organizationColumns);
    }

    private static boolean[] keeps(List<String> attributes, Map<String, String> columns) {
        boolean[] keeps = new boolean[attributes.size()];
        for (int i = 0; i < keeps.length; i++) {
            keeps[i] = columns.get(attributes.get(i)) != null;
        }
        return keeps;
    }

    static SourceFormat of(String profile) {
        switch (profile) {
            case "standard" -> {
                // a CRM that follows the hub's attribute names and ISO formats
                return new SourceFormat(profile, "*", "*");
            }
            case "erp" -> {
                // a legacy ERP: its own column names, upper case, compact dates, 00 phone prefix, Windows line ends,
                // the legal form as part of the company name
                SourceFormat erp = new SourceFormat(
                        profile,
                        "FIRSTNAME|MIDDLENAME|LASTNAME|BIRTHDATE|SEX|EMAIL|PHONE|STREET|HOUSENO|ZIP|CITY|REGION|COUNTRY|TAXID",
                        "NAME1|-|REGNO|VATNO|EMAIL|PHONE|WWW|STREET|ZIP|CITY|REGION|COUNTRY");
                erp.lineEnd = "\r\n";
                erp.dateStyle = Dates.COMPACT;
                erp.phoneStyle = Phones.DIGITS_00;
                erp.websiteStyle = 1;
                erp.countryStyle = CountryStyle.ISO3;
                erp.male = "MALE";
                erp.female = "FEMALE";
                erp.upperNames = true;
                erp.upperAddress = true;
                erp.legalFormInName = true;
                return erp;
            }
            case "shop" -> {
                // a web shop: snake_case columns, every field quoted, German dates, national phone numbers, no
                // middle name, national id or company registration
                SourceFormat shop = new SourceFormat(
                        profile,
                        "given_name|-|family_name|date_of_birth|gender|email|phone|street|house_no|zip_code|city|state|country|-",
                        "company|legal_form|-|vat_id|email|phone|website|street|zip_code|city|state|country");
                shop.quoteAll = true;
                shop.dateStyle = Dates.DOTTED;
                shop.phoneStyle = Phones.NATIONAL;
                shop.websiteStyle = 2;
                shop.countryStyle = CountryStyle.ENGLISH;
                shop.male = "m";
                shop.female = "f";
                return shop;
            }
            case "legacy" -> {
                // a spreadsheet export: titles as column names, semicolons, a byte order mark, day/month/year,
                // surnames in capitals, country names as the country writes them
                SourceFormat legacy = new SourceFormat(
                        profile,
                        "First Name|Middle Name|Last Name|Date of Birth|Gender|E-Mail|Telephone|Street|House No.|Postcode"
                                + "|Town|County/State|Country|National ID",
                        "Company Name|Legal Form|Registration No.|VAT No.|E-Mail|Telephone|Web|Street|Postcode|Town"
                                + "|County/State|Country");
                legacy.delimiter = ';';
                legacy.lineEnd = "\r\n";
                legacy.byteOrderMark = true;
                legacy.dateStyle = Dates.SLASHED;
                legacy.phoneStyle = Phones.DASHED;
                legacy.websiteStyle = 3;
                legacy.countryStyle = CountryStyle.LOCAL;
                legacy.male = "male";
                legacy.female = "female";
                legacy.upperLastName = true;
                return legacy;
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown format '" + profile + "' (known: " + String.join(",", PROFILES) + ")");
        }
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

    /** The start of a row: the record's key. */
    void key(StringBuilder line, String key) {
        escape(line, key);
    }

    /**
     * The rest of a row after the key: each attribute this source keeps, formatted its way, and the line end.
     * {@code field} is scratch space.
     */
    void fields(StringBuilder line, StringBuilder field, Draft d, EntityFactory factory) {
        boolean[] keeps = factory.type().equals("person") ? keepsPerson : keepsOrganization;
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
