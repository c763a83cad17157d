package org.amalgam.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real-time benchmark through the public API: concurrent clients push single records with {@code PUT
 * /api/v1/sources/{source}/records/{type}/{key}}, each matched and merged before the answer, as a department's
 * system would, with the source's API key. Prints the latency percentiles seen by the clients, the records per
 * second and the outcomes. The records come from a data generator file and its mapping; run it against an Amalgam
 * that already holds the golden records to match against (see docs/benchmarks.md for the whole recipe):
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.amalgam.bench.RealtimeBenchmark \
 *   -Dexec.args="--url http://localhost:8080 --password secret --source web --file person-web.csv --clients 8"
 * </pre>
 *
 * Options: {@code --mapping} (default: the file's {@code .mapping.json} next to it), {@code --type person}, {@code
 * --records N} (pushes after the warm-up, default 20,000), {@code --warmup N} (default 2,000, not measured), {@code --skip N} (leaves out the file's first N records: those an
 * earlier run pushed already, which would only come back UNCHANGED).
 */
public final class RealtimeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record to push: its source key and attribute map as JSON. */
    record Push(String key, String body) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("file") || !options.containsKey("source")) {
            System.err.println("usage: --url URL --password P --source S --file person-S.csv [--mapping m.json]"
                    + " [--type person] [--clients 8] [--records 20000] [--warmup 2000]");
            System.exit(2);
        }
        String url = options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "");
        String type = options.getOrDefault("type", "person");
        String source = options.get("source");
        Path file = Path.of(options.get("file"));
        Path mappingFile =
                Path.of(options.getOrDefault("mapping", file.toString().replaceFirst("\\.csv$", "") + ".mapping.json"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "2000"));
        int measured = Integer.parseInt(options.getOrDefault("records", "20000"));

        int skip = Integer.parseInt(options.getOrDefault("skip", "0"));

        List<Push> all = read(file, JSON.readTree(Files.readString(mappingFile)), skip + warmup + measured);
        List<Push> pushes = all.subList(Math.min(skip, all.size()), all.size());
        if (pushes.size() < warmup + measured) {
            System.err.printf(
                    Locale.ROOT, "%s has only %d records; asked for %d + %d%n", file, pushes.size(), warmup, measured);
            System.exit(2);
        }
        ImportBenchmark admin = new ImportBenchmark(
                url,
                options.getOrDefault("user", "admin"),
                options.getOrDefault("password", System.getenv().getOrDefault("AMALGAM_ADMIN_PASSWORD", "")));
        admin.createSource(source, false);
        String bearer = "Bearer " + admin.apiKey(source);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String base = url + "/api/v1/sources/" + source + "/records/" + type + "/";

        run(http, base, bearer, pushes.subList(0, warmup), clients, null);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        long[] latencies = new long[measured];
        long start = System.nanoTime();
        run(http, base, bearer, pushes.subList(warmup, warmup + measured), clients, (i, nanos, outcome) -> {
            latencies[i] = nanos;
            outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "%,d pushes by %d clients in %.1f s = %,.0f records/s; latency p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; outcomes %s%n",
                measured,
                clients,
                seconds,
                measured / seconds,
                percentile(latencies, 0.50),
                percentile(latencies, 0.90),
                percentile(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6,
                new java.util.TreeMap<>(outcomes));
    }

    /** Called for every measured push: its index, its latency and its outcome (or the HTTP status of a failure). */
    interface Timing {
        void record(int index, long nanos, String outcome);
    }

    private static void run(HttpClient http, String base, String bearer, List<Push> pushes, int clients, Timing timing)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(
                    () -> {
                        for (int i = next.getAndIncrement(); i < pushes.size(); i = next.getAndIncrement()) {
                            Push push = pushes.get(i);
                            HttpRequest request = HttpRequest.newBuilder(
                                            URI.create(base + URLEncoder.encode(push.key(), StandardCharsets.UTF_8)))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Authorization", bearer)
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(push.body()))
                                    .build();
                            long start = System.nanoTime();
                            String outcome;
                            try {
                                HttpResponse<String> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofString());
                                outcome = response.statusCode() == 200
                                        ? JSON.readTree(response.body())
                                                .path("outcome")
                                                .asString()
                                        : "HTTP " + response.statusCode();
                                if (response.statusCode() != 200 && failures.incrementAndGet() <= 3) {
                                    System.err.println("push " + push.key() + ": " + response.statusCode() + " "
                                            + response.body());
                                }
                            } catch (IOException e) {
                                outcome = e.getClass().getSimpleName();
                                failures.incrementAndGet();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                            if (timing != null) {
                                timing.record(i, System.nanoTime() - start, outcome);
                            }
                        }
                    },
                    "client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static double percentile(long[] sorted, double p) {
        int at = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))] / 1e6;
    }

    /** The first {@code limit} rows of a generator file as pushes: the mapping's columns under attribute names. */
    static List<Push> read(Path file, JsonNode mapping, int limit) throws IOException {
        String keyColumn = mapping.path("key").asString();
        Map<String, String> columns = new LinkedHashMap<>();
        mapping.path("attributes").properties().forEach(e -> {
            JsonNode spec = e.getValue();
            columns.put(
                    e.getKey(),
                    spec.isString() ? spec.asString() : spec.path("column").asString());
        });
        List<Push> pushes = new ArrayList<>();
        try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            reader.mark(1 << 16);
            String head = reader.readLine();
            reader.reset();
            char delimiter = head == null ? ',' : head.contains(";") && !head.contains(",") ? ';' : ',';
            CSVParser parser = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .get()
                    .parse(reader);
            for (CSVRecord row : parser) {
                if (pushes.size() >= limit) {
                    break;
                }
                Map<String, String> body = new LinkedHashMap<>();
                columns.forEach((attribute, column) -> {
                    if (row.isMapped(column) && !row.get(column).isBlank()) {
                        body.put(attribute, row.get(column));
                    }
                });
                pushes.add(new Push(row.get(keyColumn), JSON.writeValueAsString(body)));
            }
        }
        return pushes;
    }
}
