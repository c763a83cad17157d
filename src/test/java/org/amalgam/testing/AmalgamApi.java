package org.amalgam.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API as a script or department system uses it (API.md), for full-application tests: HTTP Basic, JSON,
 * multipart uploads. Responses are kept as text, so a test sees exactly what a client gets.
 */
public final class AmalgamApi {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = TestDatabaseContextCustomizerFactory.ADMIN_PASSWORD;

    /** Long enough for any small file on a slow, busy machine; a job that takes longer is stuck, not slow. */
    private static final Duration IMPORT_DEADLINE = Duration.ofSeconds(120);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;

    private AmalgamApi(RestClient rest) {
        this.rest = rest;
    }

    public static AmalgamApi asAdmin(int port) {
        return as(port, ADMIN, ADMIN_PASSWORD);
    }

    public static AmalgamApi as(int port, String username, String password) {
        return new AmalgamApi(client(port)
                .defaultHeaders(h -> h.setBasicAuth(username, password))
                .build());
    }

    public static AmalgamApi anonymous(int port) {
        return new AmalgamApi(client(port).build());
    }

    /** A source system calling with its API key ({@code Authorization: Bearer <key>}). */
    public static AmalgamApi withApiKey(int port, String key) {
        return new AmalgamApi(
                client(port).defaultHeaders(h -> h.setBearerAuth(key)).build());
    }

    private static RestClient.Builder client(int port) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory())
                // a test looks at every answer itself, errors included
                .defaultStatusHandler(status -> true, (request, response) -> {});
    }

    /** A name no other test uses: lower-case letters and digits after the prefix. */
    public static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    /** A word that appears in no other test's data: letters only, so that standardizers keep it as it is. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("Zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /**
     * A surname that no record of another test sounds like. The matcher finds candidates by the sound of names (the
     * phonetic code of their first four consonants), and every {@link #uniqueWord()} starts with the same two letters,
     * so two of those often sound alike; this one is made of syllables of consonants that no such word starts with.
     */
    public static String uniqueName() {
        String consonants = "bdflmnprtv";
        String vowels = "aeiou";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            name.append(consonants.charAt(ThreadLocalRandom.current().nextInt(consonants.length())));
            name.append(vowels.charAt(ThreadLocalRandom.current().nextInt(vowels.length())));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A mobile number no other test uses, for records that are to be matched on it (and on nothing by chance). */
    public static String uniquePhone() {
        StringBuilder phone = new StringBuilder("+49151");
        for (int i = 0; i < 8; i++) {
            phone.append((char) ('0' + ThreadLocalRandom.current().nextInt(10)));
        }
        return phone.toString();
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public static JsonNode json(ResponseEntity<String> response) {
        assertThat(response.getBody())
                .as("response body of %s", response.getStatusCode())
                .isNotNull();
        return json(response.getBody());
    }

    public ResponseEntity<String> get(String path) {
        return rest.get().uri(path).retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> get(String path, MediaType accept) {
        return rest.get().uri(path).accept(accept).retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> put(String path, String jsonBody) {
        return rest.put()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(jsonBody)
                .retrieve()
                .toEntity(String.class);
    }

    /** A PUT of a YAML document, as a model is saved. */
    public ResponseEntity<String> putYaml(String path, String yaml) {
        return rest.put()
                .uri(path)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body(yaml)
                .retrieve()
                .toEntity(String.class);
    }

    /** A JSON POST; a null body sends none. */
    public ResponseEntity<String> post(String path, String jsonBody) {
        RestClient.RequestBodySpec request = rest.post().uri(path);
        if (jsonBody != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request.retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> delete(String path) {
        return rest.delete().uri(path).retrieve().toEntity(String.class);
    }

    /** Pushes one record: {@code PUT /api/v1/sources/{source}/records/{type}/{sourceKey}} with a JSON body. */
    public ResponseEntity<String> push(String source, String type, String sourceKey, String jsonBody) {
        return put("/api/v1/sources/" + source + "/records/" + type + "/" + sourceKey, jsonBody);
    }

    /** Creates an API key for the source and answers the key itself. */
    public String createApiKey(String source) {
        ResponseEntity<String> created = post("/api/v1/sources/" + source + "/api-keys", "{\"name\": \"tests\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return json(created).get("key").asString();
    }

    /** Creates a source system with a new code and answers the code. */
    public String createSource(String prefix, int priority) {
        String code = unique(prefix);
        ResponseEntity<String> response = put(
                "/api/v1/sources/" + code,
                "{\"name\": \"" + code + " system\", \"department\": \"Tests\", \"priority\": " + priority + "}");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return code;
    }

    /** Multipart upload with a {@code file} part and, when not null, a {@code mapping} form field. */
    public ResponseEntity<String> upload(String source, String type, String fileName, byte[] content, String mapping) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", filePart(fileName, content, MediaType.parseMediaType("text/csv")));
        if (mapping != null) {
            parts.add("mapping", mapping);
        }
        return postMultipart(source, type, parts);
    }

    /** Multipart upload with the mapping sent as a JSON file part, as {@code curl -F mapping=@mapping.json} does. */
    public ResponseEntity<String> uploadWithMappingFile(String source, String type, String csv, String mapping) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", filePart("people.csv", csv.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_PLAIN));
        parts.add(
                "mapping",
                filePart("mapping.json", mapping.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON));
        return postMultipart(source, type, parts);
    }

    public ResponseEntity<String> postMultipart(String source, String type, MultiValueMap<String, Object> parts) {
        return postMultipart("/api/v1/sources/" + source + "/imports" + (type == null ? "" : "?type=" + type), parts);
    }

    /** Multipart upload to a path with its query, e.g. {@code /api/v1/sources/crm/imports?type=person&snapshot=true}. */
    public ResponseEntity<String> postMultipart(String path, MultiValueMap<String, Object> parts) {
        return rest.post()
                .uri(path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(String.class);
    }

    private static HttpEntity<ByteArrayResource> filePart(String fileName, byte[] content, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return new HttpEntity<>(
                new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                },
                headers);
    }

    /** Uploads a CSV of persons, waits until the job has finished, and answers the finished job. */
    public JsonNode importPersons(String source, String csv) {
        return importFile(source, "people.csv", csv, null);
    }

    /** Uploads a CSV of persons as the source's full snapshot, waits until the job has finished, and answers it. */
    public JsonNode importSnapshot(String source, String csv) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add(
                "file",
                filePart("people.csv", csv.getBytes(StandardCharsets.UTF_8), MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> accepted =
                postMultipart("/api/v1/sources/" + source + "/imports?type=person&snapshot=true", parts);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
    }

    public JsonNode importFile(String source, String fileName, String csv, String mapping) {
        ResponseEntity<String> accepted =
                upload(source, "person", fileName, csv.getBytes(StandardCharsets.UTF_8), mapping);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return awaitFinished(UUID.fromString(json(accepted).get("id").asString()));
    }

    /** Polls the job until it is COMPLETED, FAILED or CANCELLED. */
    public JsonNode awaitFinished(UUID jobId) {
        long deadline = System.nanoTime() + IMPORT_DEADLINE.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            ResponseEntity<String> response = get("/api/v1/imports/" + jobId);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
            job = json(response);
            String status = job.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            sleep();
        }
        return fail("The import %s did not finish; last answer: %s", jobId, job);
    }

    /** Asserts an RFC 9457 problem detail with this status, and answers it. */
    public static JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType())
                .as("content type of a %s answer", status)
                .isNotNull()
                .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith, "is application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status.value());
        assertThat(problem.path("detail").asString())
                .as("a message a person can act on")
                .isNotBlank();
        return problem;
    }

    /** The fields named in a problem's {@code errors}. */
    public static java.util.List<String> errorFields(JsonNode problem) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    /** The counts of a finished job as {@code read/created/updated/unchanged/rejected}, easy to compare. */
    public static String counts(JsonNode job) {
        JsonNode counts = job.get("counts");
        return String.format(
                Locale.ROOT,
                "read=%d created=%d updated=%d unchanged=%d rejected=%d",
                counts.get("read").asLong(),
                counts.get("created").asLong(),
                counts.get("updated").asLong(),
                counts.get("unchanged").asLong(),
                counts.get("rejected").asLong());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
