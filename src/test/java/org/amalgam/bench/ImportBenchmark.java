package org.amalgam.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads files into a running Amalgam through the public API, as a department would, and measures it: the wall time
 * from the start of the upload to COMPLETED, rows per second, and the application's peak heap (read from its
 * Prometheus endpoint every 2 s while the job runs, which polls the job every 200 ms; run the application with {@code
 * -Xmx1g} to prove a bound).
 * The uploads and the polling use a new API key of each source. Usage:
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.amalgam.bench.ImportBenchmark \
 *   -Dexec.args="--url http://localhost:8080 --password secret --type person --source crm --file person-crm.csv"
 * </pre>
 *
 * Several {@code --source s --file f} pairs load several files one after the other. Without {@code --mapping}, each
 * file is loaded with the mapping the data generator wrote next to it, if any.
 */
public final class ImportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The client that reads the heap: it signs in once through the login form and keeps the session cookie, so the
     * administrator's password is checked (a bcrypt round, tens of milliseconds of the server's CPU) once per load, not
     * on every poll as with HTTP Basic, which opens no session. Those bcrypt rounds were more CPU than a million rows'
     * standardizing in a long load.
     */
    private final HttpClient metrics = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager())
            .build();

    private final String user;
    private final String password;

    /** How often the job is polled, and the heap read (the polls cost the server CPU that the load is measured with). */
    private static final long JOB_POLL_MILLIS = 200;

    private static final long HEAP_POLL_NANOS = 2_000_000_000L;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
    private final String url;
    private final String authorization;

    ImportBenchmark(String url, String user, String password) {
        this.url = url.replaceAll("/+$", "");
        this.user = user;
        this.password = password;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What one load measured. */
    record Measured(String source, long rows, double seconds, long peakHeapBytes, String status, JsonNode job) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String[]> loads = new java.util.ArrayList<>();
        String pendingSource = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            String value = args[i + 1];
            if (name.equals("source")) {
                pendingSource = value;
            } else if (name.equals("file")) {
                if (pendingSource == null) {
                    throw new IllegalArgumentException("give --source before each --file");
                }
                loads.add(new String[] {pendingSource, value});
                pendingSource = null;
            } else {
                options.put(name, value);
            }
        }
        if (loads.isEmpty()) {
            System.err.println("usage: --url URL --user admin --password P --type person [--mapping m.json]"
                    + " [--deduplicated true] --source S --file F [--source S2 --file F2 ...]");
            System.exit(2);
        }
        ImportBenchmark bench = new ImportBenchmark(
                options.getOrDefault("url", "http://localhost:8080"),
                options.getOrDefault("user", "admin"),
                options.getOrDefault("password", System.getenv().getOrDefault("AMALGAM_ADMIN_PASSWORD", "")));
        String type = options.getOrDefault("type", "person");
        String mapping = options.containsKey("mapping") ? Files.readString(Path.of(options.get("mapping"))) : null;
        boolean deduplicated = Boolean.parseBoolean(options.getOrDefault("deduplicated", "false"));
        long totalRows = 0;
        double totalSeconds = 0;
        long peak = 0;
        for (String[] load : loads) {
            bench.createSource(load[0], deduplicated);
            Measured m =
                    bench.load(load[0], type, Path.of(load[1]), mapping == null ? mappingBeside(load[1]) : mapping);
            totalRows += m.rows();
            totalSeconds += m.seconds();
            peak = Math.max(peak, m.peakHeapBytes());
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %-9s %,10d rows in %8.1f s = %,9.0f rows/s, peak heap %,6d MB, counts %s%n",
                    m.source(),
                    m.status(),
                    m.rows(),
                    m.seconds(),
                    m.rows() / m.seconds(),
                    m.peakHeapBytes() >> 20,
                    m.job().path("counts"));
            if (!"COMPLETED".equals(m.status())) {
                System.out.println("  error: " + m.job().path("error").asString(""));
            }
        }
        if (loads.size() > 1) {
            System.out.printf(
                    Locale.ROOT,
                    "total      %,10d rows in %8.1f s = %,9.0f rows/s, peak heap %,d MB%n",
                    totalRows,
                    totalSeconds,
                    totalRows / totalSeconds,
                    peak >> 20);
        }
    }

    /**
     * The mapping the data generator writes next to a file ({@code person-crm.csv} has {@code
     * person-crm.mapping.json}), or null when there is none.
     */
    static String mappingBeside(String file) throws IOException {
        Path beside = Path.of(file.replaceFirst("\\.[^./]+$", "") + ".mapping.json");
        return Files.exists(beside) ? Files.readString(beside) : null;
    }

    /**
     * A new API key of the source: the uploads and the polling use it, as a department's system would (a key is
     * checked with one SHA-256; a password costs a bcrypt round on every request, which would load the server).
     */
    String apiKey(String source) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request("/api/v1/sources/" + source + "/api-keys")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"benchmark\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("creating an API key: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("key").asString();
    }

    /** Creates or replaces an entity type's model from a YAML document. */
    void putModel(String type, String yaml) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request("/api/v1/model/" + type)
                        .header("Content-Type", "application/yaml")
                        .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("model " + type + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The crosswalk of a type as CSV: source, source_key, golden_id. */
    String crosswalk(String type) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request("/api/v1/crosswalk/" + type).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("crosswalk: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    void createSource(String code, boolean deduplicated) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(
                Map.of("name", code, "department", "benchmark", "priority", 10, "deduplicated", deduplicated));
        HttpResponse<String> response = http.send(
                request("/api/v1/sources/" + code)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "creating source " + code + ": " + response.statusCode() + " " + response.body());
        }
    }

    Measured load(String source, String type, Path file, String mapping) throws IOException, InterruptedException {
        String bearer = "Bearer " + apiKey(source);
        String boundary = "amalgam-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        if (mapping != null) {
            head.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"mapping\"\r\n")
                    .append("Content-Type: application/json\r\n\r\n")
                    .append(mapping)
                    .append("\r\n");
        }
        head.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"")
                .append(file.getFileName())
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head.toString()),
                HttpRequest.BodyPublishers.ofFile(file),
                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(
                request("/api/v1/sources/" + source + "/imports?type=" + type, bearer)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload: " + response.statusCode() + " " + response.body());
        }
        String id = JSON.readTree(response.body()).path("id").asString();
        long peak = heapUsed();
        long lastHeap = System.nanoTime();
        while (true) {
            Thread.sleep(JOB_POLL_MILLIS);
            if (System.nanoTime() - lastHeap > HEAP_POLL_NANOS) {
                peak = Math.max(peak, heapUsed());
                lastHeap = System.nanoTime();
            }
            JsonNode job = job(id, bearer);
            String status = job.path("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Measured(source, job.path("counts").path("read").asLong(), seconds, peak, status, job);
            }
        }
    }

    JsonNode job(String id, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request("/api/v1/imports/" + id, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /**
     * The heap in use now, from the Prometheus endpoint (0 when it cannot be read), read in the session of {@link
     * #metrics}; a session that is gone (or none yet) is opened again.
     */
    long heapUsed() throws InterruptedException {
        try {
            HttpResponse<String> response = prometheus();
            if (response.statusCode() != 200) {
                signIn();
                response = prometheus();
            }
            long used = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private HttpResponse<String> prometheus() throws IOException, InterruptedException {
        return metrics.send(
                HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs {@link #metrics} in through the login form (its CSRF token read from the form first). */
    private void signIn() throws IOException, InterruptedException {
        String form = metrics.send(
                        HttpRequest.newBuilder(URI.create(url + "/login"))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher token = CSRF.matcher(form);
        String body = "username=" + encode(user) + "&password=" + encode(password)
                + (token.find() ? "&_csrf=" + encode(token.group(1)) : "");
        metrics.send(
                HttpRequest.newBuilder(URI.create(url + "/login"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return request(path, authorization);
    }

    private HttpRequest.Builder request(String path, String auth) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", auth);
    }
}
