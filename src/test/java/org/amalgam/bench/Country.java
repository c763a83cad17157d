package org.amalgam.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One country's embedded tables: names, addresses, telephone numbering, companies. Loaded once from the small
 * text files in {@code src/test/resources/bench/}; no network.
 */
final class Country {

    /** The five countries the tables cover, in a fixed order (reproducibility must not depend on hashing). */
    static final List<String> CODES = List.of("DE", "US", "GB", "FR", "NL");

    record City(Country country, String name, String state, String areaCode, String[] postalCodes) {}

    record LegalForm(String shortForm, String longForm, String[] variants, String register) {}

    /** A replacement the abbreviation corruption may apply: {@code Straße → Str.}. */
    record Abbreviation(String longForm, String[] shortForms) {}

    final String iso2;
    final String iso3;
    final String englishName;
    final String nativeName;
    final String callingCode;
    final String trunkPrefix;
    final double personWeight;
    final double middleNameShare;

    Picker<String> maleNames;
    Picker<String> femaleNames;
    Picker<String> surnames;
    String[] surnamePrefixes;
    String[] surnameSuffixes;
    Picker<String> emailDomains;
    Picker<City> cities;
    Picker<String> streetNames;
    Picker<String> streetTypes;
    final List<Abbreviation> streetAbbreviations = new ArrayList<>();
    final List<Abbreviation> nameAbbreviations = new ArrayList<>();
    Picker<LegalForm> legalForms;
    String[] industries;
    String[] places;
    String[] connectors;
    String[] families;
    String[] mailboxes;
    String tld;

    private Country(
            String iso2,
            String iso3,
            String englishName,
            String nativeName,
            String callingCode,
            String trunkPrefix,
            double personWeight,
            double middleNameShare) {
        this.iso2 = iso2;
        this.iso3 = iso3;
        this.englishName = englishName;
        this.nativeName = nativeName;
        this.callingCode = callingCode;
        this.trunkPrefix = trunkPrefix;
        this.personWeight = personWeight;
        this.middleNameShare = middleNameShare;
    }

    /** Hauptstraße, Berliner Straße, Am Markt, Kerkstraat, Oak Avenue, Rue Victor Hugo … */
    String street(SplittableRandom random) {
        String name = streetNames.pick(random);
        String type = streetTypes.pick(random);
        switch (iso2) {
            case "DE" -> {
                if (name.endsWith("~")) {
                    return name.substring(0, name.length() - 1) + " " + Text.capitalize(type);
                }
                if (name.indexOf(' ') >= 0) {
                    return name;
                }
                return name.indexOf('-') >= 0 ? name + "-" + Text.capitalize(type) : name + type;
            }
            case "NL" -> {
                return name + type;
            }
            case "FR" -> {
                return type + " " + name;
            }
            default -> {
                return name + " " + type;
            }
        }
    }

    String firstName(SplittableRandom random, boolean female) {
        return (female ? femaleNames : maleNames).pick(random);
    }

    static Country of(String iso2) {
        Country country = Tables.INSTANCE.countries.get(iso2);
        if (country == null) {
            throw new IllegalArgumentException(
                    "unknown country '" + iso2 + "' (known: " + String.join(",", CODES) + ")");
        }
        return country;
    }

    /** Formal first name → nicknames (Robert → Bob, Rob, Bobby). */
    static Map<String, String[]> nicknames() {
        return Tables.INSTANCE.nicknames;
    }

    static String[] coinedPrefixes() {
        return Tables.INSTANCE.coinedPrefixes;
    }

    static String[] coinedSuffixes() {
        return Tables.INSTANCE.coinedSuffixes;
    }

    /** Lazily loaded, once per JVM (holder idiom: thread-safe without locks). */
    private static final class Tables {

        static final Tables INSTANCE = new Tables();

        final Map<String, Country> countries = new LinkedHashMap<>();
        final Map<String, String[]> nicknames = new HashMap<>();
        String[] coinedPrefixes;
        String[] coinedSuffixes;

        private Tables() {
            add(new Country("DE", "DEU", "Germany", "Deutschland", "49", "0", 35, 0.25));
            add(new Country("US", "USA", "United States", "USA", "1", "", 25, 0.65));
            add(new Country("GB", "GBR", "United Kingdom", "UK", "44", "0", 15, 0.45));
            add(new Country("FR", "FRA", "France", "France", "33", "0", 15, 0.3));
            add(new Country("NL", "NLD", "Netherlands", "Nederland", "31", "0", 10, 0.3));
            Map<String, Map<String, List<String>>> lists = new HashMap<>();
            for (String file : List.of("persons.txt", "places.txt", "companies.txt")) {
                for (String[] row : read(file, 3)) {
                    lists.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], List.of(row[2].split("\\|")));
                }
            }
            for (Country c : countries.values()) {
                Map<String, List<String>> own = lists.get(c.iso2);
                c.maleNames = Picker.zipf(list(own, "male", c), 0.5);
                c.femaleNames = Picker.zipf(list(own, "female", c), 0.5);
                c.surnames = Picker.zipf(list(own, "surname", c), 0.7);
                c.surnamePrefixes = list(own, "surname-prefix", c).toArray(String[]::new);
                c.surnameSuffixes = list(own, "surname-suffix", c).toArray(String[]::new);
                c.emailDomains = weighted(list(own, "email-domain", c));
                c.streetNames = Picker.zipf(list(own, "street-name", c), 0.3);
                c.streetTypes = weighted(list(own, "street-type", c));
                c.industries = list(own, "industry", c).toArray(String[]::new);
                c.places = list(own, "place", c).toArray(String[]::new);
                c.connectors = list(own, "connector", c).toArray(String[]::new);
                c.families = list(own, "family", c).toArray(String[]::new);
                c.mailboxes = list(own, "mailbox", c).toArray(String[]::new);
                c.tld = list(own, "tld", c).get(0);
                abbreviations(list(own, "abbreviation", c), c.streetAbbreviations);
                abbreviations(list(own, "name-abbreviation", c), c.nameAbbreviations);
            }
            coinedPrefixes = lists.get("*").get("coined-prefix").toArray(String[]::new);
            coinedSuffixes = lists.get("*").get("coined-suffix").toArray(String[]::new);

            Map<String, List<City>> cities = new HashMap<>();
            for (String[] row : read("cities.txt", 5)) {
                Country c = countries.get(row[0]);
                cities.computeIfAbsent(row[0], k -> new ArrayList<>())
                        .add(new City(c, row[1], row[2], row[3], row[4].split(" ")));
            }
            Map<String, List<LegalForm>> forms = new HashMap<>();
            Map<String, List<Double>> formWeights = new HashMap<>();
            for (String[] row : read("legal-forms.txt", 5)) {
                String[] variants = row[2].split("\\|");
                forms.computeIfAbsent(row[0], k -> new ArrayList<>())
                        .add(new LegalForm(row[1], variants[0], variants, row[4]));
                formWeights.computeIfAbsent(row[0], k -> new ArrayList<>()).add(Double.parseDouble(row[3]));
            }
            for (Country c : countries.values()) {
                c.cities = Picker.zipf(cities.get(c.iso2), 0.9);
                c.legalForms = Picker.weighted(
                        forms.get(c.iso2),
                        formWeights.get(c.iso2).stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
            }
            for (String[] row : read("nicknames.txt", 2)) {
                nicknames.put(row[0], row[1].split("\\|"));
            }
        }

        private void add(Country country) {
            countries.put(country.iso2, country);
        }

        private static List<String> list(Map<String, List<String>> lists, String name, Country c) {
            List<String> values = lists == null ? null : lists.get(name);
            if (values == null || values.isEmpty()) {
                throw new IllegalStateException("bench tables: no list '" + name + "' for " + c.iso2);
            }
            return values;
        }

        private static Picker<String> weighted(List<String> values) {
            List<String> items = new ArrayList<>();
            double[] weights = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                String[] parts = values.get(i).split("\\*");
                items.add(parts[0]);
                weights[i] = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            }
            return Picker.weighted(items, weights);
        }

        private static void abbreviations(List<String> values, List<Abbreviation> into) {
            for (String value : values) {
                String[] parts = value.split(">");
                into.add(new Abbreviation(parts[0], parts[1].split("/")));
            }
        }

        private static List<String[]> read(String file, int fields) {
            String path = "/bench/" + file;
            try (InputStream in = Country.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + path);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                List<String[]> rows = new ArrayList<>();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] row = line.split(";", -1);
                    if (row.length != fields) {
                        throw new IllegalStateException(path + ": expected " + fields + " fields in '" + line + "'");
                    }
                    rows.add(row);
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
