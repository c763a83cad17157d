package org.amalgam.stewardship.web;

import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.uniquePhone;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The steward's pages over plain HTTP: the golden record with lineage and edit forms, its history, the merge and split
 * confirmations, the review queue (a full page, and only its results for htmx) and a conflict task.
 */
@ApplicationTest
class StewardPagesTests {

    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    AmalgamApi api;
    String crm;
    String erp;
    UUID conflicted;
    UUID single;

    @BeforeEach
    void createRecords() {
        api = AmalgamApi.asAdmin(port);
        crm = api.createSource("crm-", 10);
        erp = api.createSource("erp-", 50);
        // one person as two departments send her: the same last name, e-mail and phone (strong evidence), her first
        // name written two ways and two birth dates (the conflict)
        String person = "\"last_name\": \"Lee\", \"email\": \"" + uniqueWord().toLowerCase() + "@example.com\","
                + " \"phone\": \"" + uniquePhone() + "\"";
        conflicted = UUID.fromString(json(api.push(
                        crm,
                        "person",
                        "c1",
                        "{\"first_name\": \"Ann\", " + person + ", \"birth_date\": \"1990-01-01\"}"))
                .get("goldenId")
                .asString());
        UUID joined = UUID.fromString(json(api.push(
                        erp,
                        "person",
                        "e1",
                        "{\"first_name\": \"Annie\", " + person + ", \"birth_date\": \"1990-01-02\"}"))
                .get("goldenId")
                .asString());
        assertThat(joined)
                .as("the second record is matched into the first one's golden record")
                .isEqualTo(conflicted);
        // another person, with a last name no other test uses: the test database is shared, and two Bob Stones of
        // other tests would rightly be matched into one golden record
        single = UUID.fromString(json(api.push(
                        erp, "person", "e2", "{\"first_name\": \"Bob\", \"last_name\": \"" + uniqueWord() + "\"}"))
                .get("goldenId")
                .asString());
    }

    private HttpResponse<String> page(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((AmalgamApi.ADMIN + ":" + AmalgamApi.ADMIN_PASSWORD)
                                                .getBytes(StandardCharsets.UTF_8)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s: %s", path, response.body())
                    .isEqualTo(200);
            assertThat(INLINE_SCRIPT.matcher(response.body()).find())
                    .as("inline script")
                    .isFalse();
            assertThat(STYLE_ATTRIBUTE.matcher(response.body()).find())
                    .as("style attribute")
                    .isFalse();
            assertThat(response.body()).doesNotContain("??");
            return response;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theGoldenRecordPageShowsLineageLosingValuesAndTheStewardsForms() {
        String html = page("/golden/person/" + conflicted).body();

        assertThat(html)
                .contains("id=\"override-form\"")
                .contains("id=\"merge-form\"")
                .contains("class=\"value-lost\">Annie<")
                .contains("source priority")
                .contains("Split out")
                .contains("id=\"tab-history\"")
                // the push matched the two records: the link between them, with its evidence drawn as a chart
                .contains("id=\"member-links\"")
                .contains("id=\"link-chart-0\"")
                .contains("bar bar-for bar-w-");
    }

    @Test
    void theHistoryPageShowsEachVersionWithItsDiff() {
        String html = page("/golden/person/" + conflicted + "/history").body();

        assertThat(html)
                .contains("data-change=\"CREATED\"")
                .contains("data-change=\"ADDED\"")
                .contains("+ added");
    }

    @Test
    void theMergeAndSplitConfirmationsSayWhatWillHappen() {
        String merge =
                page("/golden/person/" + single + "/merge?with=" + conflicted).body();
        String split = page("/golden/person/" + conflicted + "/split?source=" + erp + "&sourceKey=e1")
                .body();

        assertThat(merge).contains("id=\"merge-confirm\"").contains(single + " is absorbed into " + conflicted);
        assertThat(split).contains("id=\"split-confirm\"").contains(erp + ":e1").contains("new golden record");
    }

    @Test
    void theReviewQueueIsAFullPageAndItsHtmxFilterAnswersOnlyTheResults() {
        HttpResponse<String> full = page("/tasks?kind=CONFLICT&type=person");
        HttpResponse<String> fragment = page("/tasks?kind=CONFLICT&type=person", "HX-Request", "true");

        assertThat(full.body())
                .contains("<html")
                .contains("id=\"task-filters\"")
                .contains("id=\"task-results\"");
        assertThat(fragment.body())
                .doesNotContain("<html")
                .doesNotContain("id=\"task-filters\"")
                .contains("id=\"task-results\"")
                .contains("1990-01-02");
    }

    @Test
    void aConflictTaskListsEveryValueWithItsSources() {
        String queue = page("/tasks?kind=CONFLICT&type=person").body();
        int at = queue.indexOf(conflicted.toString());
        assertThat(at).isPositive();
        String row = queue.substring(queue.lastIndexOf("data-task=\"", at));
        String taskId = row.substring("data-task=\"".length(), row.indexOf('"', "data-task=\"".length()));

        String html = page("/tasks/" + taskId).body();

        assertThat(html)
                .contains("Conflict on birth_date")
                .contains(crm + ":c1 v1")
                .contains(erp + ":e1 v1")
                .contains("data-shortcut=\"k\"")
                .contains("id=\"keep-other-form\"");
    }
}
