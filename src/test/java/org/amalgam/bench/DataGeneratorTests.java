package org.amalgam.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DataGeneratorTests {

    private static final List<String> FOUR_SOURCES = List.of("crm", "erp", "shop", "support");
    private static final List<DateTimeFormatter> DATE_FORMATS = Stream.of(
                    "uuuu-MM-dd", "uuuuMMdd", "d.M.uuuu", "d/M/uuuu", "d-M-uuuu", "uuuu/M/d")
            .map(DateTimeFormatter::ofPattern)
            .toList();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"person", "organization"})
    void sameSeedAndOptionsGiveByteIdenticalFilesWhateverTheNumberOfThreads(String type) throws IOException {
        String[] options = {"--type", type, "--entities", "3000", "--sources", "crm,erp,shop,support", "--seed", "7"};

        generate(dir.resolve("first"), with(options, "--threads", "1"));
        generate(dir.resolve("second"), with(options, "--threads", "3"));
        generate(dir.resolve("other-seed"), with(options, "--seed", "8"));

        List<String> files;
        try (Stream<Path> listing = Files.list(dir.resolve("first"))) {
            files = listing.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertThat(files).hasSize(9).contains(type + "-truth.csv", type + "-support.csv", type + "-erp.mapping.json");
        for (String file : files) {
            assertThat(Files.mismatch(
                            dir.resolve("first").resolve(file),
                            dir.resolve("second").resolve(file)))
                    .as(file)
                    .isEqualTo(-1);
        }
        assertThat(Files.mismatch(
                        dir.resolve("first").resolve(type + "-crm.csv"),
                        dir.resolve("other-seed").resolve(type + "-crm.csv")))
                .as("another seed gives other data")
                .isNotEqualTo(-1);
    }

    @Test
    void truthFileNamesEveryRecordOfEverySourceExactlyOnce() throws IOException {
        GenerationSummary summary = generate(
                dir,
                "--entities",
                "5000",
                "--sources",
                "crm,erp,shop,support",
                "--duplicates",
                "0.4",
                "--corruption",
                "0.3");

        Set<String> records = new HashSet<>();
        for (String source : FOUR_SOURCES) {
            for (Map<String, String> row : read(dir.resolve("person-" + source + ".csv"))) {
                assertThat(records.add(source + "," + row.get("id")))
                        .as("key %s is unique in %s", row.get("id"), source)
                        .isTrue();
            }
        }
        List<Map<String, String>> truth = read(dir.resolve("person-truth.csv"));
        Set<String> covered = new HashSet<>();
        Set<String> entities = new HashSet<>();
        for (Map<String, String> row : truth) {
            assertThat(row.keySet()).containsExactly("source", "source_key", "entity_id");
            covered.add(row.get("source") + "," + row.get("source_key"));
            entities.add(row.get("entity_id"));
        }

        assertThat(truth).hasSize(records.size());
        assertThat(covered).isEqualTo(records);
        assertThat(records).hasSize((int) summary.records());
        assertThat(entities).hasSize(5000);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.5})
    void duplicateRateIsWithinTwoPointsOfTheRequestedRate(double rate) throws IOException {
        generate(dir, "--entities", "10000", "--duplicates", Double.toString(rate), "--seed", "3");

        List<Map<String, String>> truth = read(dir.resolve("person-truth.csv"));
        Map<String, List<String>> sourcesByEntity = new HashMap<>();
        for (Map<String, String> row : truth) {
            sourcesByEntity
                    .computeIfAbsent(row.get("entity_id"), id -> new ArrayList<>())
                    .add(row.get("source"));
        }
        long withinSource = 0;
        long acrossSources = 0;
        for (List<String> sources : sourcesByEntity.values()) {
            for (int i = 0; i < sources.size(); i++) {
                for (int j = i + 1; j < sources.size(); j++) {
                    if (sources.get(i).equals(sources.get(j))) {
                        withinSource++;
                    } else {
                        acrossSources++;
                    }
                }
            }
        }
        double duplicates = (double) (truth.size() - sourcesByEntity.size()) / truth.size();

        assertThat(sourcesByEntity).hasSize(10_000);
        assertThat(duplicates).isCloseTo(rate, within(0.02));
        assertThat(withinSource).as("duplicate pairs within a source").isPositive();
        assertThat(acrossSources).as("duplicate pairs across sources").isGreaterThan(withinSource);
    }

    @Test
    void deduplicatedSourcesHoldEachEntityOnce() throws IOException {
        generate(dir, "--entities", "5000", "--duplicates", "0.4", "--same-source", "0.9", "--deduplicated", "erp");

        Set<String> erpEntities = new HashSet<>();
        for (Map<String, String> row : read(dir.resolve("person-truth.csv"))) {
            if (row.get("source").equals("erp")) {
                assertThat(erpEntities.add(row.get("entity_id")))
                        .as(row.get("entity_id"))
                        .isTrue();
            }
        }
        assertThat(erpEntities).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"person", "organization"})
    void withoutCorruptionDuplicatesDifferOnlyInTheirSourcesFormatting(String type) throws IOException {
        String[] options = {
            "--type", type, "--entities", "3000", "--sources", "crm,erp,shop,support", "--duplicates", "0.4"
        };
        generate(dir.resolve("clean"), with(options, "--corruption", "0"));
        generate(dir.resolve("corrupt"), with(options, "--corruption", "0.5"));

        Comparison clean = compareDuplicates(dir.resolve("clean"), type);
        Comparison corrupt = compareDuplicates(dir.resolve("corrupt"), type);

        assertThat(clean.differences()).isEmpty();
        assertThat(clean.pairsAcrossFormats()).isGreaterThan(500);
        assertThat(clean.pairsWithinFormat()).isGreaterThan(100);
        assertThat(corrupt.differences())
                .as("the same comparison sees corrupted copies")
                .hasSizeGreaterThan((corrupt.pairsAcrossFormats() + corrupt.pairsWithinFormat()) / 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"person", "organization"})
    void cleanPhoneNumbersAreValidInEverySourcesNotation(String type) throws IOException {
        generate(dir, "--type", type, "--entities", "3000", "--sources", "crm,erp,shop,support", "--corruption", "0");
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

        int checked = 0;
        for (Map<String, String> record : normalizedRecords(dir, type, false)) {
            String phone = record.get("phone");
            if (phone == null) {
                continue;
            }
            String international = phone.startsWith("00") ? "+" + phone.substring(2) : phone;
            try {
                assertThat(phones.isValidNumber(phones.parse(international, record.get("country"))))
                        .as("%s in %s", phone, record.get("country"))
                        .isTrue();
            } catch (NumberParseException e) {
                throw new AssertionError(phone + ": " + e.getMessage(), e);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(2000);
    }

    @Test
    void helpNamesEveryOptionAndBadOptionsAreRefusedWithAReason() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            DataGenerator.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(
                        "--type",
                        "--entities",
                        "--records",
                        "--sources",
                        "--formats",
                        "--source-weights",
                        "--duplicates",
                        "--same-source",
                        "--deduplicated",
                        "--corruption",
                        "--countries",
                        "--seed",
                        "--out",
                        "--help",
                        "exec:java");
        assertThatThrownBy(() -> GeneratorOptions.parse("--duplicates", "1.5"))
                .hasMessageContaining("--duplicates must be between 0");
        assertThatThrownBy(() -> GeneratorOptions.parse("--colour", "red")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> GeneratorOptions.parse("--sources", "crm,erp", "--deduplicated", "shop"))
                .hasMessageContaining("'shop'");
        assertThat(GeneratorOptions.parse("--records", "1000", "--duplicates", "0.3")
                        .entities())
                .isEqualTo(700);
    }

    /** Record pairs of one entity, compared on the attributes both sources keep, after undoing source formats. */
    record Comparison(List<String> differences, int pairsAcrossFormats, int pairsWithinFormat) {}

    private static Comparison compareDuplicates(Path dir, String type) throws IOException {
        Map<String, List<Map<String, String>>> byEntity = new LinkedHashMap<>();
        for (Map<String, String> record : normalizedRecords(dir, type, true)) {
            byEntity.computeIfAbsent(record.get("entity"), id -> new ArrayList<>())
                    .add(record);
        }
        List<String> differences = new ArrayList<>();
        int across = 0;
        int within = 0;
        for (List<Map<String, String>> records : byEntity.values()) {
            Map<String, String> first = records.get(0);
            for (Map<String, String> other : records.subList(1, records.size())) {
                if (first.get("format").equals(other.get("format"))) {
                    within++;
                } else {
                    across++;
                }
                boolean same = true;
                for (String attribute : first.keySet()) {
                    if (attribute.equals("key") || attribute.equals("format") || !other.containsKey(attribute)) {
                        continue;
                    }
                    if (!first.get(attribute).equals(other.get(attribute)) && same) {
                        differences.add(first.get("key") + " vs " + other.get("key") + ": " + attribute + " '"
                                + first.get(attribute) + "' / '" + other.get(attribute) + "'");
                        same = false;
                    }
                }
            }
        }
        return new Comparison(differences, across, within);
    }

    /**
     * Every record of every source, read through its mapping file into attribute names, with the source formats
     * undone when {@code normalize} is set (dates to ISO, phones to national digits, countries to ISO-2, case …).
     * Empty values are left out, as the import leaves them out.
     */
    private static List<Map<String, String>> normalizedRecords(Path dir, String type, boolean normalize)
            throws IOException {
        Map<String, String> truth = new HashMap<>();
        for (Map<String, String> row : read(dir.resolve(type + "-truth.csv"))) {
            truth.put(row.get("source") + "," + row.get("source_key"), row.get("entity_id"));
        }
        List<Map<String, String>> records = new ArrayList<>();
        for (int s = 0; s < FOUR_SOURCES.size(); s++) {
            String source = FOUR_SOURCES.get(s);
            JsonNode mapping = JSON.readTree(Files.readString(dir.resolve(type + "-" + source + ".mapping.json")));
            assertThat(mapping.get("key").asString()).isEqualTo("id");
            List<Map<String, String>> rows = read(dir.resolve(type + "-" + source + ".csv"));
            for (Map<String, String> row : rows) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("key", source + "," + row.get("id"));
                record.put("entity", truth.get(source + "," + row.get("id")));
                record.put("format", SourceFormat.PROFILES.get(s));
                for (var attribute : mapping.get("attributes").properties()) {
                    String column = attribute.getValue().asString();
                    assertThat(row).as("%s has column %s", source, column).containsKey(column);
                    String value = row.get(column).strip();
                    if (!value.isEmpty()) {
                        record.put(attribute.getKey(), value);
                    }
                }
                String country = countryCode(record.get("country"));
                if (country != null) {
                    record.put("country", country);
                }
                if (normalize) {
                    normalize(record, type, country);
                }
                records.add(record);
            }
        }
        return records;
    }

    private static void normalize(Map<String, String> record, String type, String country) {
        for (Map.Entry<String, String> entry : record.entrySet()) {
            String value = entry.getValue();
            switch (entry.getKey()) {
                case "key", "entity", "format", "country" -> {}
                case "birth_date" -> entry.setValue(isoDate(value));
                case "gender" -> entry.setValue(value.substring(0, 1).toLowerCase(Locale.ROOT));
                case "phone" -> entry.setValue(nationalDigits(value, country));
                case "website" ->
                    entry.setValue(value.toLowerCase(Locale.ROOT)
                            .replaceFirst("^https?://", "")
                            .replaceFirst("^www\\.", "")
                            .replaceFirst("/$", ""));
                default -> entry.setValue(value.toLowerCase(Locale.ROOT).replace("ß", "ss"));
            }
        }
        if (type.equals("organization")) {
            String legalForm = record.remove("legal_form");
            if (legalForm != null) {
                record.put("name", record.get("name") + " " + legalForm);
            }
        }
    }

    private static String isoDate(String value) {
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(value, format).toString();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return "unreadable date " + value;
    }

    /** +49 30 1234567, 0049301234567, 030 1234567 and +49-30-1234567 all become 301234567. */
    private static String nationalDigits(String phone, String countryCode) {
        String digits = phone.replaceAll("\\D", "");
        if (countryCode == null) {
            return digits;
        }
        Country country = Country.of(countryCode);
        if (phone.startsWith("+")) {
            digits = digits.substring(country.callingCode.length());
        } else if (phone.startsWith("00")) {
            digits = digits.substring(2 + country.callingCode.length());
        } else if (!country.trunkPrefix.isEmpty() && digits.startsWith(country.trunkPrefix)) {
            digits = digits.substring(country.trunkPrefix.length());
        }
        return digits;
    }

    private static String countryCode(String written) {
        if (written == null) {
            return null;
        }
        for (String code : Country.CODES) {
            Country country = Country.of(code);
            if (Stream.of(country.iso2, country.iso3, country.englishName, country.nativeName)
                    .anyMatch(name -> name.equalsIgnoreCase(written))) {
                return code;
            }
        }
        throw new AssertionError("unknown country " + written);
    }

    private static List<Map<String, String>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = text.substring(0, text.indexOf('\n')).contains(";") ? ';' : ',';
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = new StringReader(text);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                assertThat(row.isConsistent())
                        .as("%s line %d", file, row.getRecordNumber())
                        .isTrue();
                rows.add(row.toMap());
            }
        }
        return rows;
    }

    private static GenerationSummary generate(Path out, String... options) throws IOException {
        return DataGenerator.generate(GeneratorOptions.parse(with(options, "--out", out.toString())));
    }

    private static String[] with(String[] options, String... more) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
