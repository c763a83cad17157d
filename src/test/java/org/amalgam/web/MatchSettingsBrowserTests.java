package org.amalgam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.MemberRecords;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

/**
 * An administrator opens the match settings of a type with more than a thousand person records, reads the starting
 * weights and the histogram of scores with its thresholds, and estimates the weights with the button. The records are
 * of a type of the test's own, so that estimating changes how no other test's records are matched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatchSettingsBrowserTests extends BrowserTest {

    @Override
    Duration waitTimeout() {
        return Duration.ofSeconds(60);
    }

    private static final int RECORDS = 1_050;

    private boolean chartDrawn() {
        Object drawn = ((JavascriptExecutor) browser)
                .executeScript("var c = document.getElementById('score-histogram');"
                        + " return !!(c && window.Chart && window.Chart.getChart(c));");
        return Boolean.TRUE.equals(drawn);
    }

    @Test
    void anAdministratorReadsTheWeightsAndTheHistogramAndEstimatesTheWeights() {
        AmalgamApi api = AmalgamApi.asAdmin(port);
        String source = api.createSource("hr-", 10);
        String type = MemberRecords.createType(api);
        // no load estimates weights: most records come from a deduplicated source (nothing to learn from alone),
        // the rest are too few; so the type keeps its starting weights until Estimate is pressed (a model saved
        // with the same comparisons would carry estimated weights over to its new version)
        String registry = AmalgamApi.unique("reg-");
        assertThat(api.put(
                                "/api/v1/sources/" + registry,
                                "{\"name\": \"Registry\", \"priority\": 5, \"deduplicated\": true}")
                        .getStatusCode()
                        .is2xxSuccessful())
                .isTrue();
        MemberRecords.load(api, registry, type, 0, RECORDS - 50);
        MemberRecords.load(api, source, type, RECORDS - 50, 50);
        // a new model version starts without estimated weights (the load estimated some for version 1)
        assertThat(api.putYaml("/api/v1/model/" + type, MemberRecords.MODEL).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        signInAsAdmin();

        // from the model list to the type's match settings
        browser.get(url("/model"));
        browser.findElement(By.cssSelector("a[href='/model/" + type + "/match']"))
                .sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weights")));
        wait.until(driver -> chartDrawn());
        assertThat(browser.findElement(By.id("starting-weights")).getText())
                .contains("starting weights")
                .contains(String.format("%,d", RECORDS));
        assertThat(browser.findElement(By.id("thresholds")).getText())
                .contains("merged automatically")
                .contains("a steward reviews it");
        assertThat(browser.findElement(By.id("band-counts")).getText())
                .contains("Same")
                .contains("Possible")
                .contains("Different");
        assertThat(browser.findElements(By.cssSelector("#weights tbody[data-comparison='first_name'] tr")))
                .hasSizeGreaterThan(3);
        assertThat(browser.findElement(By.id("dry-run")).isDisplayed()).isTrue();
        BrowserSupport.screenshot(browser, "match-01-starting-weights");
        String startingM = browser.findElement(By.cssSelector(
                        "#weights tbody[data-comparison='last_name'] tr[data-level='exact'] td:nth-of-type(2)"))
                .getText();

        browser.findElement(By.id("estimate-weights")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("estimated-weights")));

        assertThat(browser.findElements(By.id("starting-weights"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#weights-panel .alert-success"))
                        .getText())
                .contains("Estimated the weights from " + String.format("%,d", RECORDS) + " records");
        assertThat(browser.findElement(By.id("estimated-weights")).getText())
                .contains(String.format("%,d", RECORDS) + " records");
        String estimatedM = browser.findElement(By.cssSelector(
                        "#weights tbody[data-comparison='last_name'] tr[data-level='exact'] td:nth-of-type(2)"))
                .getText();
        assertThat(estimatedM).as("m of last_name's exact level").isNotEqualTo(startingM);
        wait.until(driver -> chartDrawn());
        browser.manage().window().setSize(new Dimension(1366, 2200));
        wait.until(driver -> chartDrawn());
        BrowserSupport.screenshot(browser, "match-02-estimated");

        // the dark theme draws the chart again in its colours
        browser.findElement(By.id("theme-toggle")).click();
        wait.until(
                driver -> "dark".equals(driver.findElement(By.tagName("html")).getDomAttribute("data-bs-theme")));
        wait.until(driver -> chartDrawn());
        BrowserSupport.screenshot(browser, "match-03-dark");
    }
}
