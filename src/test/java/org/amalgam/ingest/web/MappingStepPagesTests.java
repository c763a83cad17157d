package org.amalgam.ingest.web;

import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amalgam.ingest.StagedUploadView;
import org.amalgam.ingest.StagedUploads;
import org.amalgam.security.Role;
import org.amalgam.security.Users;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The mapping step's page as a browser and htmx get it from the whole application. */
@ApplicationTest
class MappingStepPagesTests {

    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    StagedUploads staging;

    @Autowired
    Users users;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        source = AmalgamApi.asAdmin(port).createSource("crm-", 10);
        word = uniqueWord();
    }

    private StagedUploadView stage(String csv) {
        return staging.stage(
                source,
                "person",
                "people.csv",
                target -> Files.writeString(target, csv.replace("WORD", word)),
                false,
                AmalgamApi.ADMIN);
    }

    private HttpResponse<String> get(String path, String username, String password, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> page(String path, String... headers) {
        HttpResponse<String> response = get(path, AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The opening tags of the page in which the pattern occurs outside quoted attribute values: a value from the file
     * may well read "onerror=", escaped inside an option's value, which is harmless.
     */
    private static List<String> found(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            if (pattern.matcher(tags.group().replaceAll("\"[^\"]*\"", "\"\"")).find()) {
                found.add(tags.group());
            }
        }
        return found;
    }

    @Test
    void theMappingPageIsAFullPageAndItsRefreshAnswersOnlyTheTable() {
        StagedUploadView upload = stage("rec,given,mail\nr1,Ann,ANN.WORD@example.com\n");
        String path = "/imports/staged/" + upload.id();

        String full = page(path).body();
        String table = page(
                        path + "?" + query("key", "rec") + "&" + query("columns[first_name]", "given") + "&"
                                + query("columns[email]", "mail"),
                        "HX-Request",
                        "true",
                        "HX-Target",
                        "mapping-table")
                .body();

        assertThat(full).contains("<html").contains("id=\"mapping-form\"").contains("id=\"mapping-table\"");
        assertThat(full).as("no key column is found by name yet").contains("The file does not fit the mapping");
        assertThat(table)
                .doesNotContain("<html")
                .doesNotContain("navbar")
                .startsWith("<div")
                .contains("id=\"mapping-table\"")
                .contains("ann." + word.toLowerCase() + "@example.com")
                .doesNotContain("The file does not fit the mapping");
    }

    @Test
    void theMappingPageNeedsNoInlineScriptOrStyle() {
        StagedUploadView upload = stage("id,first_name,email,dob\n1,Ann,nope,1980-02-31\n,Bob,,\n");

        HttpResponse<String> response = page("/imports/staged/" + upload.id());

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("style-src 'self'"));
        assertThat(found(INLINE_SCRIPT, response.body())).isEmpty();
        assertThat(found(EVENT_HANDLER, response.body())).isEmpty();
        assertThat(found(STYLE_ATTRIBUTE, response.body())).isEmpty();
    }

    @Test
    void whatTheFileHoldsIsShownAsTextNeverAsMarkup() {
        StagedUploadView upload = stage(
                """
                id,first_name,"<img src=x onerror=alert(1)>",city
                1,<b onmouseover=alert(2)>Ann</b>,x,"<script>alert(3)</script>"
                """);

        String page = page("/imports/staged/" + upload.id()).body();

        assertThat(found(EVENT_HANDLER, page)).isEmpty();
        assertThat(found(INLINE_SCRIPT, page)).isEmpty();
        assertThat(page)
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;b onmouseover=alert(2)&gt;Ann&lt;/b&gt;")
                .contains("&lt;script&gt;alert(3)&lt;/script&gt;");
    }

    @Test
    void onlyAnAdministratorOpensAStagedUpload() {
        StagedUploadView upload = stage("id,first_name\n1,Ann\n");
        String username = AmalgamApi.unique("viewer-");
        users.create(username, "password-of-" + username, "Test viewer", Role.VIEWER);

        HttpResponse<String> response = get("/imports/staged/" + upload.id(), username, "password-of-" + username);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("people.csv");
    }

    @Test
    void anUnknownStagedUploadSaysHowToGoOn() {
        HttpResponse<String> response = get(
                "/imports/staged/0196f0a0-0000-7000-8000-00000000abcd", AmalgamApi.ADMIN, AmalgamApi.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Upload the file again");
    }
}
