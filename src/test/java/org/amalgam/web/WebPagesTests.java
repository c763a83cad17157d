package org.amalgam.web;

import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages over plain HTTP, as a browser and htmx request them: every htmx endpoint answers a full page to a
 * browser and only its fragment to htmx; the security headers and the escaping of what sources sent.
 */
@ApplicationTest
class WebPagesTests {

    /** An opening tag; text that a source sent is escaped, so it never looks like one. */
    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");

    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystemWithRecords() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    /** A page as the administrator's browser (or htmx in it, with the given headers) gets it. */
    private HttpResponse<String> page(String path, String... headers) {
        return pageAs(AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD, path, headers);
    }

    private HttpResponse<String> pageAs(String username, String password, String path, String... headers) {
        HttpResponse<String> response = send(request(path, headers).header("Authorization", basic(username, password)));
        assertThat(response.statusCode())
                .as("GET %s %s: %s", path, Arrays.toString(headers), errorMessage(response.body()))
                .isEqualTo(200);
        return response;
    }

    /** What the error page says, rather than the whole page. */
    private static String errorMessage(String html) {
        int at = html.indexOf("id=\"error-message\"");
        return at < 0
                ? html.substring(0, Math.min(300, html.length()))
                : html.substring(at, Math.min(html.length(), at + 300));
    }

    private static void assertFullPage(HttpResponse<String> response) {
        assertThat(response.body()).contains("<html").contains("id=\"main\"");
    }

    private static void assertFragment(HttpResponse<String> response) {
        assertThat(response.body())
                .as("an htmx fragment, not a page")
                .doesNotContain("<html")
                .doesNotContain("<head")
                .doesNotContain("navbar");
    }

    /** Imports the CSV ({@code WORD} stands for this test's unique word) and answers the finished job's id. */
    private String importedJob(String csv) {
        return api.importPersons(source, csv.replace("WORD", word)).get("id").asString();
    }

    @Test
    void theGoldenSearchIsAFullPageAndItsHtmxSearchAnswersOnlyTheResults() {
        importedJob("id,first_name,last_name\nk1,Ann,WORD\nk2,Bob,WORD\n");

        HttpResponse<String> full = page("/golden/person?q=" + word);
        HttpResponse<String> fragment = page("/golden/person?q=" + word, "HX-Request", "true");

        assertFullPage(full);
        assertThat(full.body())
                .contains("id=\"golden-results\"")
                .contains(">Ann<")
                .contains("id=\"q\"");
        assertFragment(fragment);
        assertThat(fragment.body())
                .contains("id=\"golden-results\"")
                .contains(">Ann<")
                .contains(">Bob<")
                .doesNotContain("id=\"q\"");
    }

    @Test
    void theImportsPageIsAFullPageAndItsPollAnswersOnlyTheTable() {
        importedJob("id,first_name,last_name\nk1,Ann,WORD\n");

        HttpResponse<String> full = page("/imports");
        HttpResponse<String> table = page("/imports", "HX-Request", "true", "HX-Target", "imports-table");

        assertFullPage(full);
        assertThat(full.body()).contains("id=\"imports-table\"").contains(source);
        assertFragment(table);
        assertThat(table.body()).contains("id=\"imports-table\"").contains(source);
        assertThat(table.body().strip()).startsWith("<div");
    }

    @Test
    void aSourcePageLoadsItsImportsPanelWhosePollAnswersOnlyTheTable() {
        importedJob("id,first_name,last_name\nk1,Ann,WORD\n");

        HttpResponse<String> full = page("/sources/" + source);
        HttpResponse<String> panel = page("/sources/" + source + "/imports", "HX-Request", "true");
        HttpResponse<String> table =
                page("/sources/" + source + "/imports", "HX-Request", "true", "HX-Target", "imports-table");

        assertFullPage(full);
        assertThat(full.body()).contains("hx-get=\"/sources/" + source + "/imports\"");
        assertFragment(panel);
        assertThat(panel.body())
                .contains("id=\"source-imports\"")
                .contains("id=\"upload-form\"")
                .contains("id=\"imports-table\"")
                .contains("people.csv");
        assertFragment(table);
        assertThat(table.body())
                .contains("id=\"imports-table\"")
                .contains("people.csv")
                .doesNotContain("id=\"source-imports\"")
                .doesNotContain("id=\"upload-form\"");
    }

    @Test
    void anImportJobIsAFullPageAndItsPollAnswersOnlyTheProgress() {
        String id = importedJob("id,first_name,last_name\nk1,Ann,WORD\nk2,Bob,WORD\n");

        HttpResponse<String> full = page("/imports/" + id);
        HttpResponse<String> progress = page("/imports/" + id, "HX-Request", "true");

        assertFullPage(full);
        assertThat(full.body()).contains("id=\"job-progress\"").contains("breadcrumb");
        assertFragment(progress);
        assertThat(progress.body())
                .contains("id=\"job-progress\"")
                .contains("id=\"count-created\">2<")
                .doesNotContain("breadcrumb");
        assertThat(progress.body().strip()).startsWith("<div");
    }

    @Test
    void aViewerSeesTheImportsOfASourceButNoUploadForm() {
        importedJob("id,first_name,last_name\nk1,Ann,WORD\n");
        String username = unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);

        HttpResponse<String> panel =
                pageAs(username, "password-of-" + username, "/sources/" + source + "/imports", "HX-Request", "true");

        assertThat(panel.body()).contains("people.csv").doesNotContain("upload-form");
    }

    @Test
    void anAnonymousBrowserIsSentToSignIn() {
        HttpResponse<String> response = send(request("/golden/person"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(
                        location -> assertThat(URI.create(location).getPath()).isEqualTo("/login"));
        assertThat(response.body()).doesNotContain("golden-results");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        String code = unique("crm-");
        String form =
                "code=" + code + "&name=" + URLEncoder.encode("Sales CRM", StandardCharsets.UTF_8) + "&priority=10";

        HttpResponse<String> response = send(request("/sources")
                .header("Authorization", basic(AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/sources/" + code).getStatusCode().value())
                .as("nothing was created")
                .isEqualTo(404);
    }

    @Test
    void cancellingAnImportFromAPageWithoutTheCsrfTokenIsRefused() {
        String id = importedJob("id,first_name,last_name\nk1,Ann,WORD\n");

        HttpResponse<String> response = send(request("/imports/" + id + "/cancel")
                .header("Authorization", basic(AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/golden/person", "/imports", "/sources", "/sources/SOURCE", "/model/person/match", "/login"
            })
    void pagesForbidInlineScriptsWithAContentSecurityPolicyAndNeedNone(String path) {
        HttpResponse<String> response =
                path.equals("/login") ? send(request(path)) : page(path.replace("SOURCE", source));

        assertThat(response.statusCode()).isEqualTo(200);
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).as("Content-Security-Policy of %s", path).isNotBlank();
        for (String kind : List.of("script-src", "style-src")) {
            String directive = directive(policy, kind);
            assertThat(directive)
                    .as("%s of %s", kind, path)
                    .contains("'self'")
                    .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "data:");
        }
        assertThat(found(INLINE_SCRIPT, response.body())).as("inline scripts").isEmpty();
        assertThat(found(EVENT_HANDLER, response.body()))
                .as("inline event handlers")
                .isEmpty();
        assertThat(found(STYLE_ATTRIBUTE, response.body()))
                .as("style attributes")
                .isEmpty();
    }

    /** A directive of the policy, falling back to default-src as browsers do. */
    private static String directive(String policy, String name) {
        List<String> directives =
                Arrays.stream(policy.split(";")).map(String::strip).toList();
        return directives.stream()
                .filter(d -> d.startsWith(name + " "))
                .findFirst()
                .or(() -> directives.stream()
                        .filter(d -> d.startsWith("default-src "))
                        .findFirst())
                .orElse("");
    }

    /** The opening tags of the page in which the pattern occurs. */
    private static List<String> found(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            if (pattern.matcher(tags.group()).find()) {
                found.add(tags.group());
            }
        }
        return found;
    }

    @Test
    void aValueThatASourceSentIsShownAsTextNeverAsMarkup() {
        String pushed = json(api.push(
                        source,
                        "person",
                        "k1",
                        // in attributes of plain text: a name standardizer would capitalize the tag
                        "{\"city\": \"<script>alert(1)</script>\", \"last_name\": \"" + word
                                + "\", \"street\": \"<img src=x onerror=alert(2)>\"}"))
                .get("goldenId")
                .asString();
        UUID id = UUID.fromString(pushed);

        String detail = page("/golden/person/" + id).body();
        String results = page("/golden/person?q=" + word, "HX-Request", "true").body();

        assertThat(detail)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x");
        assertThat(results)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x");
    }

    @Test
    void aRejectedRowIsShownAsTextNeverAsMarkup() {
        String id = importedJob("id,first_name,last_name\n,<script>alert(3)</script>,WORD\n");

        String job = page("/imports/" + id).body();

        assertThat(job).contains("&lt;script&gt;alert(3)&lt;/script&gt;").doesNotContain("<script>alert(3)");
    }
}
