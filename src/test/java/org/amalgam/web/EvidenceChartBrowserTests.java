package org.amalgam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.model.EntityTypes;
import org.amalgam.stewardship.ReviewTasks;
import org.amalgam.testing.AmalgamApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steward opens a possible match and reads why the matcher could not decide: the two golden records side by side
 * and, below them, the explanation as a bar chart, each comparison's weight for or against the match.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvidenceChartBrowserTests extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReviewTasks tasks;

    @Autowired
    EntityTypes entityTypes;

    @Test
    void aStewardReadsTheMatchersEvidenceAsAChartNextToTheTwoRecords() {
        AmalgamApi api = AmalgamApi.asAdmin(port);
        String crm = api.createSource("crm-", 10);
        String erp = api.createSource("erp-", 50);
        String lastName = AmalgamApi.uniqueWord();
        String ann = "{\"first_name\": \"Ann\", \"last_name\": \"" + lastName + "\", \"birth_date\": \"1990-04-01\","
                + " \"city\": \"Leeds\"}";
        UUID first = UUID.fromString(JSON.readTree(api.put("/api/v1/sources/" + crm + "/records/person/c1", ann)
                        .getBody())
                .get("goldenId")
                .asString());
        // what the matcher says of a second Ann (another birth date and city) against the first: her evidence
        String other = "{\"first_name\": \"Anne\", \"last_name\": \"" + lastName + "\", \"birth_date\": \"1990-01-04\","
                + " \"city\": \"York\"}";
        var found = JSON.readTree(api.post("/api/v1/match/person", other).getBody());
        var candidate = found.get("matches")
                .valueStream()
                .filter(match -> match.get("goldenId").asString().equals(first.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no evidence against the first record: " + found));
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = JSON.treeToValue(candidate.get("evidence"), Map.class);
        UUID second = UUID.fromString(JSON.readTree(api.put(
                                "/api/v1/sources/" + erp + "/records/person/e1",
                                other.replace("\"Anne\"", "\"Anne-" + AmalgamApi.uniqueWord() + "\""))
                        .getBody())
                .get("goldenId")
                .asString());
        UUID task = tasks.openPossibleMatch(
                entityTypes.get("person").id(),
                first,
                second,
                Map.of("probability", candidate.get("probability").asDouble(), "evidence", evidence));

        signInAsAdmin();
        browser.get(url("/tasks/" + task));
        WebElement chart = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence-chart")));

        assertThat(browser.findElement(By.id("match-compare")).isDisplayed()).isTrue();
        List<WebElement> rows = chart.findElements(By.cssSelector("tbody tr"));
        assertThat(rows.get(0).getText()).startsWith("prior");
        assertThat(rows.get(0).findElements(By.cssSelector(".bar-against"))).hasSize(1);
        WebElement lastNameRow = rows.stream()
                .filter(row -> row.getText().startsWith("last_name"))
                .findFirst()
                .orElseThrow();
        assertThat(lastNameRow.getText()).contains(lastName.toLowerCase());
        WebElement bar = lastNameRow.findElement(By.cssSelector(".bar-for"));
        assertThat(bar.getSize().getWidth())
                .as("the agreeing last name draws a bar")
                .isGreaterThan(5);
        WebElement cityRow = rows.stream()
                .filter(row -> row.getText().startsWith("city"))
                .findFirst()
                .orElseThrow();
        assertThat(cityRow.findElements(By.cssSelector(".bar-against")))
                .as("Leeds against York counts against the match")
                .hasSize(1);
        assertThat(chart.findElement(By.cssSelector("tfoot")).getText()).contains("Score");
        BrowserSupport.screenshot(browser, "task-01-evidence-chart");

        // the same Ann sent again by the crm under another key joins her golden record: its page says why
        String joined = JSON.readTree(api.put("/api/v1/sources/" + crm + "/records/person/c2", ann)
                        .getBody())
                .get("goldenId")
                .asString();
        assertThat(joined).isEqualTo(first.toString());
        browser.get(url("/golden/person/" + first));
        WebElement links = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("member-links")));
        assertThat(links.findElement(By.tagName("summary")).getText())
                .contains(crm + ":c1")
                .contains(crm + ":c2")
                .contains("SAME");
        WebElement linkChart = links.findElement(By.id("link-chart-0"));
        assertThat(linkChart.isDisplayed()).as("the strongest link is open").isTrue();
        assertThat(linkChart.findElements(By.cssSelector(".bar-for"))).isNotEmpty();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", links);
        BrowserSupport.screenshot(browser, "golden-10-member-links");
    }
}
