package org.amalgam.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The matching quality benchmark through the public API, as a new user would run it: for each dataset a fresh
 * PostgreSQL database and a fresh Amalgam ({@code java -jar}), sources created with {@code PUT /api/v1/sources},
 * the files uploaded with {@code POST …/imports} and a mapping, polled until COMPLETED, and the golden records read
 * back with {@code GET /api/v1/crosswalk/{type}}. Prints pairwise precision, recall and F1 over the golden records
 * against the dataset's ground truth, the number of golden records and the largest, blocking pair completeness (the
 * share of true pairs that have a stored blocking key in common, read from {@code GET
 * /api/v1/match/{type}/blocking-keys}), and the wall time from the first upload to the last COMPLETED.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.amalgam.bench.QualityBenchmark \
 *   -Dexec.args="febrl1 febrl2 febrl3 febrl4 fake1000 historical50k dblp-acm"
 * </pre>
 *
 * Options (before the dataset names): {@code --jar target/amalgam-0.1.0-SNAPSHOT.jar}, {@code --jdbc
 * jdbc:postgresql://127.0.0.1:5432/} (a server where user {@code --user postgres} may create databases), {@code
 * --datasets ../shared/datasets}, {@code --heap 2g}, {@code --database-prefix amalgam_quality_} (the databases' names
 * start with it, so that runs side by side do not drop each other's).
 */
public final class QualityBenchmark {

    private static final String PASSWORD = "quality-benchmark";

    /** One file of a dataset, loaded into one source. */
    record Load(String source, boolean deduplicated, Path file, Charset charset, String mapping) {}

    /** A dataset: its loads, its entity type (and model, when it is not built in), and who is who. */
    record Dataset(
            String name, String type, Path model, List<Load> loads, BiFunction<String, String, String> entityOf) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names = List.of("febrl1", "febrl2", "febrl3", "febrl4", "fake1000", "historical50k", "dblp-acm");
        }
        Path datasets = Path.of(options.getOrDefault("datasets", "../shared/datasets"));
        Path jar = Path.of(options.getOrDefault("jar", "target/amalgam-0.1.0-SNAPSHOT.jar"));
        if (!Files.exists(jar)) {
            System.err.println("No " + jar + ": build it first with ./mvnw -q -DskipTests package");
            System.exit(2);
        }
        System.out.printf(
                Locale.ROOT,
                "%-14s %8s %8s %8s %8s %9s %9s %8s %9s %9s%n",
                "dataset",
                "records",
                "golden",
                "largest",
                "P",
                "R",
                "F1",
                "pairs",
                "blocking",
                "seconds");
        for (String name : names) {
            Dataset dataset = dataset(name, datasets);
            run(dataset, jar, options);
        }
    }

    static Dataset dataset(String name, Path root) {
        String febrl =
                """
                {"key": "rec_id", "attributes": {"first_name": "given_name", "last_name": "surname",
                 "house_number": "street_number", "street": "address_1", "city": "suburb", "postal_code": "postcode",
                 "state": "state", "birth_date": {"column": "date_of_birth", "format": "yyyyMMdd"},
                 "national_id": "soc_sec_id"}}
                """;
        BiFunction<String, String, String> febrlEntity = (source, key) -> key.split("-")[1];
        return switch (name) {
            case "febrl1", "febrl2", "febrl3" ->
                new Dataset(
                        name,
                        "person",
                        null,
                        List.of(new Load(
                                "febrl",
                                false,
                                root.resolve("febrl/dataset" + name.substring(5) + ".csv"),
                                StandardCharsets.UTF_8,
                                febrl)),
                        febrlEntity);
            case "febrl4" ->
                new Dataset(
                        name,
                        "person",
                        null,
                        List.of(
                                new Load("a", true, root.resolve("febrl/dataset4a.csv"), StandardCharsets.UTF_8, febrl),
                                new Load(
                                        "b", true, root.resolve("febrl/dataset4b.csv"), StandardCharsets.UTF_8, febrl)),
                        febrlEntity);
            case "fake1000" ->
                new Dataset(
                        name,
                        "person",
                        null,
                        List.of(
                                new Load(
                                        "people",
                                        false,
                                        root.resolve("splink-fake1000/fake_1000.csv"),
                                        StandardCharsets.UTF_8,
                                        """
                                {"key": "unique_id", "attributes": {"first_name": "first_name", "last_name": "surname",
                                 "birth_date": "dob", "city": "city", "email": "email"}}
                                """)),
                        columnTruth(root.resolve("splink-fake1000/fake_1000.csv"), "unique_id", "cluster", false));
            case "historical50k" ->
                new Dataset(
                        name,
                        "person",
                        null,
                        List.of(
                                new Load(
                                        "wikidata",
                                        false,
                                        root.resolve("splink-historical50k/historical_figures_with_errors_50k.csv.gz"),
                                        StandardCharsets.UTF_8,
                                        """
                                {"key": "unique_id", "attributes": {"first_name": "first_name", "last_name": "surname",
                                 "birth_date": "dob", "city": "birth_place", "postal_code": "postcode_fake",
                                 "gender": "gender"}}
                                """)),
                        columnTruth(
                                root.resolve("splink-historical50k/historical_figures_with_errors_50k.csv.gz"),
                                "unique_id",
                                "cluster",
                                true));
            case "dblp-acm" -> {
                String mapping =
                        """
                        {"key": "id", "attributes": {"title": "title", "authors": "authors", "venue": "venue",
                         "year": "year"}}
                        """;
                Map<String, String> acmToDblp = new HashMap<>();
                try (CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .get()
                        .parse(Files.newBufferedReader(root.resolve("dblp-acm/DBLP-ACM_perfectMapping.csv")))) {
                    for (CSVRecord row : parser) {
                        acmToDblp.put(
                                row.get("idACM").strip(), row.get("idDBLP").strip());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                yield new Dataset(
                        name,
                        "publication",
                        Path.of("docs/examples/publication.yaml"),
                        List.of(
                                new Load(
                                        "dblp",
                                        true,
                                        root.resolve("dblp-acm/DBLP2.csv"),
                                        StandardCharsets.ISO_8859_1,
                                        mapping),
                                new Load(
                                        "acm",
                                        true,
                                        root.resolve("dblp-acm/ACM.csv"),
                                        StandardCharsets.UTF_8,
                                        mapping)),
                        (source, key) -> source.equals("acm") ? acmToDblp.getOrDefault(key, "acm:" + key) : key);
            }
            default ->
                throw new IllegalArgumentException("unknown dataset " + name
                        + "; use febrl1, febrl2, febrl3, febrl4, fake1000, historical50k or dblp-acm");
        };
    }

    /** Truth from a column of the file: key column → entity column. */
    static BiFunction<String, String, String> columnTruth(Path file, String key, String entity, boolean gzip) {
        Map<String, String> truth = new HashMap<>();
        try (InputStream in = open(file, gzip);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .get()
                        .parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord row : parser) {
                truth.put(row.get(key).strip(), row.get(entity).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return (source, k) -> truth.get(k);
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        return gzip ? new GZIPInputStream(in) : in;
    }

    static void run(Dataset dataset, Path jar, Map<String, String> options) throws Exception {
        String base = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/");
        String user = options.getOrDefault("user", "postgres");
        String database = options.getOrDefault("database-prefix", "amalgam_quality_")
                + dataset.name().replace('-', '_');
        try (Connection connection = DriverManager.getConnection(base + "postgres", user, options.get("db-password"));
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("amalgam-quality-" + dataset.name(), ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.getOrDefault("heap", "2g"));
        // e.g. --java-options "-XX:StartFlightRecording=filename=/tmp/app.jfr" to profile the application
        for (String option : options.getOrDefault("java-options", "").split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", base + database);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", user);
        if (options.containsKey("db-password")) {
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", options.get("db-password"));
        }
        builder.environment().put("AMALGAM_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("PORT", Integer.toString(port));
        Process app = builder.start();
        try {
            ImportBenchmark api = new ImportBenchmark("http://localhost:" + port, "admin", PASSWORD);
            awaitHealthy(port, app, log);
            if (dataset.model() != null) {
                api.putModel(dataset.type(), Files.readString(dataset.model()));
            }
            long start = System.nanoTime();
            for (Load load : dataset.loads()) {
                api.createSource(load.source(), load.deduplicated());
                Path file = load.file();
                if (file.toString().endsWith(".gz")) {
                    Path plain = Files.createTempFile("amalgam-quality", ".csv");
                    try (InputStream in = open(file, true);
                            OutputStream out = Files.newOutputStream(plain)) {
                        in.transferTo(out);
                    }
                    file = plain;
                }
                ImportBenchmark.Measured measured = api.load(load.source(), dataset.type(), file, load.mapping());
                if (!"COMPLETED".equals(measured.status())) {
                    throw new IllegalStateException(dataset.name() + "/" + load.source() + " ended " + measured.status()
                            + ": " + measured.job());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report(dataset, api.crosswalk(dataset.type()), blockingKeys(port, dataset.type()), seconds);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static void awaitHealthy(int port, Process app, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("Amalgam did not start; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Amalgam did not become healthy in 5 minutes; see " + log);
    }

    /** {@code GET /api/v1/match/{type}/blocking-keys} as the administrator. */
    private static String blockingKeys(int port, String type) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/match/" + type + "/blocking-keys"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                                .timeout(Duration.ofMinutes(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("blocking keys: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /**
     * Blocking pair completeness: the share of true pairs whose two records have at least one blocking key in common,
     * so that they were put side by side at all. Keys come from the stored keys of every record.
     */
    static double pairCompleteness(Dataset dataset, String blockingKeysCsv, long truePairs) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Map<String, List<Integer>>> blocks = new HashMap<>();
        try (CSVParser parser =
                CSVFormat.DEFAULT.builder().setHeader().get().parse(new java.io.StringReader(blockingKeysCsv))) {
            for (CSVRecord row : parser) {
                String source = row.get("source");
                String key = row.get("source_key");
                String entity = dataset.entityOf().apply(source, key);
                if (entity == null) {
                    continue;
                }
                int record = index.computeIfAbsent(source + "\0" + key, k -> index.size());
                blocks.computeIfAbsent(row.get("key"), k -> new HashMap<>())
                        .computeIfAbsent(entity, e -> new ArrayList<>())
                        .add(record);
            }
        }
        java.util.Set<Long> covered = new java.util.HashSet<>();
        for (Map<String, List<Integer>> block : blocks.values()) {
            for (List<Integer> same : block.values()) {
                for (int i = 0; i < same.size(); i++) {
                    for (int j = i + 1; j < same.size(); j++) {
                        int a = Math.min(same.get(i), same.get(j));
                        int b = Math.max(same.get(i), same.get(j));
                        covered.add(((long) a << 32) | b);
                    }
                }
            }
        }
        return truePairs == 0 ? 1 : (double) covered.size() / truePairs;
    }

    /** Pairwise precision, recall and F1 of the golden records against the truth. */
    static void report(Dataset dataset, String crosswalkCsv, String blockingKeysCsv, double seconds)
            throws IOException {
        Map<String, List<String>> byGolden = new HashMap<>();
        Map<String, Long> entitySizes = new HashMap<>();
        Map<String, Map<String, Long>> goldenEntity = new HashMap<>();
        int records = 0;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(crosswalkCsv));
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(reader)) {
            for (CSVRecord row : parser) {
                String source = row.get("source");
                String key = row.get("source_key");
                String golden = row.get("golden_id");
                String entity = dataset.entityOf().apply(source, key);
                if (entity == null) {
                    entity = "unknown:" + source + ":" + key;
                }
                records++;
                byGolden.computeIfAbsent(golden, g -> new ArrayList<>()).add(entity);
                entitySizes.merge(entity, 1L, Long::sum);
                goldenEntity.computeIfAbsent(golden, g -> new HashMap<>()).merge(entity, 1L, Long::sum);
            }
        }
        long truePairs = 0;
        for (long n : entitySizes.values()) {
            truePairs += n * (n - 1) / 2;
        }
        long foundPairs = 0;
        long correctPairs = 0;
        int largest = 0;
        for (Map.Entry<String, List<String>> entry : byGolden.entrySet()) {
            long n = entry.getValue().size();
            largest = Math.max(largest, (int) n);
            foundPairs += n * (n - 1) / 2;
            for (long m : goldenEntity.get(entry.getKey()).values()) {
                correctPairs += m * (m - 1) / 2;
            }
        }
        double precision = foundPairs == 0 ? 1 : (double) correctPairs / foundPairs;
        double recall = truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf(
                Locale.ROOT,
                "%-14s %8d %8d %8d %8.4f %9.4f %9.4f %8d %9.4f %9.1f%n",
                dataset.name(),
                records,
                byGolden.size(),
                largest,
                precision,
                recall,
                f1,
                truePairs,
                pairCompleteness(dataset, blockingKeysCsv, truePairs),
                seconds);
    }
}
