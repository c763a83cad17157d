package org.amalgam.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The data generator's command-line options (see {@link #USAGE} and docs/data-generator.md). */
record GeneratorOptions(
        String type,
        long entities,
        List<String> sources,
        List<String> formats,
        double[] sourceWeights,
        double duplicates,
        double sameSource,
        Set<String> deduplicated,
        double corruption,
        List<String> countries,
        long seed,
        Path out,
        int threads,
        boolean help) {

    static final String USAGE =
            """
            Usage: DataGenerator [options]

            Writes department files with ground truth for Amalgam's benchmarks: one CSV per source
            (<out>/<type>-<source>.csv, key column "id"), the import mapping of each source
            (<out>/<type>-<source>.mapping.json) and <out>/<type>-truth.csv (source,source_key,entity_id).
            The same options and seed always give byte-identical files.

            Options:
              --type person|organization  entity type to generate (default person)
              --entities N                number of real-world entities (default 10000)
              --records N                 instead of --entities: about N records in total,
                                          i.e. N x (1 - duplicates) entities
              --sources a,b,c             source system codes (a-z 0-9 - _), one file each
                                          (default crm,erp,shop)
              --formats f,g,h             file format of each source, by position: standard, erp, shop,
                                          legacy (default: standard,erp,shop,legacy in turn)
              --source-weights 5,3,2      relative share of records per source (default equal)
              --duplicates D              share of records that are extra copies of an entity,
                                          0 <= D <= 0.95 (default 0.3: 30 % of all records are duplicates)
              --same-source S             share of those extra copies that land in a source already holding
                                          the entity (within-source duplicates); the rest go to other
                                          sources while there are any (default 0.25)
              --deduplicated a,b          sources that hold at most one record per entity (default none)
              --corruption C              share of records with at least one mistake: typos, swapped
                                          names, nicknames, missing values, other formats, abbreviations,
                                          moved address, changed e-mail domain ... (default 0.2)
              --countries DE,US,GB,FR,NL  countries the entities live in (default all five)
              --seed N                    random seed (default 42)
              --out DIR                   output directory, created if missing (default target/generated)
              --threads N                 worker threads generating rows; the files do not depend on it
                                          (default: the number of processors)
              --help                      print this help

            Example (Maven):
              ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \\
                -Dexec.mainClass=org.amalgam.bench.DataGenerator \\
                -Dexec.args="--type person --entities 100000 --sources crm,erp,shop --duplicates 0.3 --corruption 0.2 --seed 42 --out target/generated"
            """;

    static GeneratorOptions defaults() {
        return parse();
    }

    static GeneratorOptions parse(String... args) {
        String type = "person";
        Long entities = null;
        Long records = null;
        List<String> sources = List.of("crm", "erp", "shop");
        List<String> formats = null;
        double[] weights = null;
        double duplicates = 0.3;
        double sameSource = 0.25;
        Set<String> deduplicated = Set.of();
        double corruption = 0.2;
        List<String> countries = Country.CODES;
        long seed = 42;
        Path out = Path.of("target", "generated");
        int threads = Runtime.getRuntime().availableProcessors();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(
                        arg.startsWith("--") ? arg + " needs a value" : "unknown argument '" + arg + "'");
            }
            switch (name) {
                case "--type" ->
                    type = switch (value) {
                        case "person", "persons" -> "person";
                        case "organization", "organisation", "organizations", "org" -> "organization";
                        default ->
                            throw new IllegalArgumentException(
                                    "--type must be person or organization, not '" + value + "'");
                    };
                case "--entities" -> entities = positive(name, value);
                case "--records" -> records = positive(name, value);
                case "--sources" -> sources = list(value);
                case "--formats" -> formats = list(value);
                case "--source-weights" ->
                    weights = list(value).stream()
                            .mapToDouble(w -> number("--source-weights", w, 1e-9, 1e9))
                            .toArray();
                case "--duplicates" -> duplicates = number(name, value, 0, 0.95);
                case "--same-source" -> sameSource = number(name, value, 0, 1);
                case "--deduplicated" -> deduplicated = new LinkedHashSet<>(list(value));
                case "--corruption" -> corruption = number(name, value, 0, 1);
                case "--countries" ->
                    countries = list(value).stream().map(String::toUpperCase).toList();
                case "--seed" -> seed = integer(name, value);
                case "--out" -> out = Path.of(value);
                case "--threads" -> threads = (int) Math.min(64, positive(name, value));
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (entities != null && records != null) {
            throw new IllegalArgumentException("give --entities or --records, not both");
        }
        long entityCount = records != null
                ? Math.max(1, Math.round(records * (1 - duplicates)))
                : entities != null ? entities : 10_000;
        Set<String> unique = new LinkedHashSet<>();
        for (String source : sources) {
            if (!source.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw new IllegalArgumentException("a source code is 1 to 63 of a-z 0-9 - _, starting with a letter or"
                        + " digit (as Amalgam's source codes): '" + source + "'");
            }
            if (!unique.add(source)) {
                throw new IllegalArgumentException("source '" + source + "' given twice");
            }
        }
        if (sources.isEmpty() || sources.size() > 64) {
            throw new IllegalArgumentException("give 1 to 64 sources");
        }
        if (formats == null) {
            List<String> cycle = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                cycle.add(SourceFormat.PROFILES.get(i % SourceFormat.PROFILES.size()));
            }
            formats = List.copyOf(cycle);
        }
        if (formats.size() != sources.size()) {
            throw new IllegalArgumentException("--formats needs one format per source (" + sources.size() + ")");
        }
        formats.forEach(SourceFormat::of);
        if (weights == null) {
            weights = new double[sources.size()];
            Arrays.fill(weights, 1);
        }
        if (weights.length != sources.size()) {
            throw new IllegalArgumentException("--source-weights needs one weight per source (" + sources.size() + ")");
        }
        for (String source : deduplicated) {
            if (!unique.contains(source)) {
                throw new IllegalArgumentException("--deduplicated names '" + source + "', which is not in --sources");
            }
        }
        if (countries.isEmpty()) {
            throw new IllegalArgumentException("--countries needs at least one country");
        }
        countries.forEach(Country::of);
        return new GeneratorOptions(
                type,
                entityCount,
                List.copyOf(sources),
                List.copyOf(formats),
                weights,
                duplicates,
                sameSource,
                Set.copyOf(deduplicated),
                corruption,
                List.copyOf(countries),
                seed,
                out,
                threads,
                help);
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static long positive(String name, String value) {
        long number = integer(name, value);
        if (number < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return number;
    }

    private static long integer(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'");
        }
    }

    private static double number(String name, String value, double min, double max) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return number;
    }
}
