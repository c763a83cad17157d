package org.amalgam.web;

import static org.amalgam.testing.AmalgamApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A steward's journey in a real browser: merge two golden records, follow the old id to the survivor, settle the
 * conflict the merge revealed in the review queue, split the record out again and get it back, override a value, and
 * read the history of each step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GoldenStewardBrowserTests extends BrowserTest {

    private UUID push(AmalgamApi api, String source, String key, String body) {
        return UUID.fromString(
                json(api.push(source, "person", key, body)).get("goldenId").asString());
    }

    /** As a keyboard user does: a click can race Bootstrap's smooth scrolling to the element. */
    private void press(By by) {
        browser.findElement(by).sendKeys(Keys.ENTER);
    }

    private WebElement valueRow(String attribute) {
        return browser.findElement(By.cssSelector("#golden-values tr[data-attribute='" + attribute + "']"));
    }

    @Test
    void aStewardMergesFollowsTheOldIdSettlesTheConflictSplitsOverridesAndReadsTheHistory() {
        AmalgamApi api = AmalgamApi.asAdmin(port);
        String crm = api.createSource("crm-", 10);
        String erp = api.createSource("erp-", 50);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID older = push(
                api,
                crm,
                "c1",
                "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace-" + suffix + "\", \"email\": \"ada." + suffix
                        + "@example.com\", \"birth_date\": \"1815-12-10\"}");
        UUID newer = push(
                api,
                erp,
                "e1",
                "{\"first_name\": \"Augusta Ada\", \"last_name\": \"Lovelace-" + suffix
                        + "\", \"birth_date\": \"1815-12-11\", \"city\": \"Marylebone\"}");

        signInAsAdmin();

        // merge, from the newer record's page: the confirmation shows both side by side, the older id survives
        browser.get(url("/golden/person/" + newer));
        browser.findElement(By.id("merge-with")).sendKeys(older.toString());
        press(By.id("merge-review"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("merge-compare")));
        assertThat(browser.findElement(By.id("merge-summary")).getText())
                .contains(newer + " is absorbed into " + older);
        BrowserSupport.screenshot(browser, "golden-01-merge-confirm");
        browser.findElement(By.id("merge-reason")).sendKeys("same person, two systems");
        press(By.id("merge-confirm"));
        wait.until(ExpectedConditions.urlContains("/golden/person/" + older));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("golden-values")));
        assertThat(browser.findElements(By.cssSelector("#crosswalk tbody tr"))).hasSize(2);
        assertThat(valueRow("city").getText()).contains("Marylebone").contains(erp + ":e1");
        assertThat(valueRow("first_name").findElement(By.cssSelector(".losing")).getText())
                .contains("Augusta Ada");
        BrowserSupport.screenshot(browser, "golden-02-merged");

        // the absorbed id leads to the survivor
        browser.get(url("/golden/person/" + newer));
        wait.until(ExpectedConditions.urlContains("/golden/person/" + older));
        assertThat(browser.findElement(By.id("redirected")).getText()).contains(newer.toString());
        BrowserSupport.screenshot(browser, "golden-03-redirected");

        // the merge brought two birth dates together: a conflict waits in the review queue
        press(By.id("nav-review"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-filters")));
        new Select(browser.findElement(By.id("filter-kind"))).selectByValue("CONFLICT");
        wait.until(ExpectedConditions.urlContains("kind=CONFLICT"));
        BrowserSupport.screenshot(browser, "golden-04-review-queue");
        WebElement taskRow = wait.until(driver -> driver.findElements(By.cssSelector("#task-table tbody tr")).stream()
                .filter(row -> row.getText().contains(older.toString()))
                .findFirst()
                .orElse(null));
        taskRow.findElement(By.cssSelector("a.task-link")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("candidates")));
        assertThat(browser.findElement(By.id("task-heading")).getText()).contains("birth_date");
        assertThat(browser.findElement(By.id("candidates")).getText())
                .contains("1815-12-10")
                .contains(crm + ":c1")
                .contains("1815-12-11")
                .contains(erp + ":e1");
        BrowserSupport.screenshot(browser, "golden-05-conflict");
        browser.findElement(By.id("task-value")).sendKeys("1815-12-10");
        browser.findElement(By.id("task-value-reason")).sendKeys("baptism register");
        press(By.id("keep-other"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-success")));

        // split the erp record out again: its old golden record comes back
        browser.get(url("/golden/person/" + older));
        assertThat(valueRow("birth_date").getText()).contains("1815-12-10").contains("admin");
        press(By.cssSelector("#crosswalk tr[data-source-record='" + erp + ":e1'] a.split-link"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("split-confirm")));
        assertThat(browser.findElement(By.id("split-summary")).getText()).contains(newer.toString());
        BrowserSupport.screenshot(browser, "golden-06-split-confirm");
        browser.findElement(By.id("split-reason")).sendKeys("different people after all");
        press(By.id("split-confirm"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("split-target")));
        assertThat(browser.findElements(By.cssSelector("#crosswalk tbody tr"))).hasSize(1);
        press(By.id("split-target"));
        wait.until(ExpectedConditions.urlContains("/golden/person/" + newer));
        assertThat(browser.findElement(By.id("golden-status")).getText()).isEqualTo("ACTIVE");
        assertThat(valueRow("first_name").getText()).contains("Augusta Ada");
        assertThat(valueRow("birth_date").getText()).contains("1815-12-11");

        // override a value with a reason
        new Select(browser.findElement(By.id("override-attribute"))).selectByValue("city");
        browser.findElement(By.id("override-value")).sendKeys("London");
        browser.findElement(By.id("override-reason")).sendKeys("moved", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#golden-values tr[data-attribute='city'] td.value"), "London"));
        assertThat(valueRow("city").getText()).contains("steward: admin").contains("moved");
        assertThat(valueRow("city").findElement(By.cssSelector(".losing")).getText())
                .contains("Marylebone");
        BrowserSupport.screenshot(browser, "golden-07-override");

        // the history tells each step with who, what, why and a diff
        press(By.id("tab-history"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        List<String> changes = browser.findElements(By.cssSelector("#history .history-version")).stream()
                .map(v -> v.getDomAttribute("data-change"))
                .toList();
        assertThat(changes).containsExactly("OVERRIDDEN", "SPLIT", "MERGED", "CREATED");
        WebElement overridden =
                browser.findElement(By.cssSelector("#history .history-version[data-change='OVERRIDDEN']"));
        assertThat(overridden.getText())
                .contains("admin")
                .contains("moved")
                .contains("Marylebone")
                .contains("London");
        assertThat(browser.findElement(By.cssSelector("#history .history-version[data-change='MERGED']"))
                        .getText())
                .contains("same person, two systems")
                .contains(older.toString());
        BrowserSupport.screenshot(browser, "golden-08-history");

        browser.get(url("/golden/person/" + older + "/history"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(browser.findElements(By.cssSelector("#history .history-version")).stream()
                        .map(v -> v.getDomAttribute("data-change"))
                        .toList())
                .containsExactly("SPLIT", "OVERRIDDEN", "MERGED", "CREATED");
        BrowserSupport.screenshot(browser, "golden-09-history-survivor");
    }
}
