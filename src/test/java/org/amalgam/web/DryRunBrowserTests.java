package org.amalgam.web;

import static org.amalgam.testing.AmalgamApi.json;
import static org.amalgam.testing.AmalgamApi.unique;
import static org.amalgam.testing.AmalgamApi.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.amalgam.testing.AmalgamApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

/**
 * An administrator edits a model's match threshold, presses Dry run and reads what saving it would do before saving:
 * two golden records that would merge, with links to them. The same report works as a page of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DryRunBrowserTests extends BrowserTest {

    @Override
    Duration waitTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Two records with the same names and different e-mails score 0.62 with the starting weights. */
    private static final String MODEL =
            """
            name: Dry run test
            attributes:
              - {name: first_name, type: name}
              - {name: last_name, type: name}
              - {name: email, type: email}
            match:
              thresholds: {same: 0.9, possible: 0.5}
              blocking:
                keys:
                  - {name: last_name, parts: [exact(last_name)]}
              comparisons:
                - {attribute: first_name, levels: [exact]}
                - {attribute: last_name, levels: [exact]}
                - {attribute: email, levels: [exact]}
            """;

    @Test
    void theDryRunButtonShowsWhatAnEditedModelWouldDoBeforeItIsSaved() {
        AmalgamApi api = AmalgamApi.asAdmin(port);
        String type = unique("dr");
        String modelJson = json(api.put("/api/v1/model/" + type, toJson(MODEL))).toString();
        assertThat(modelJson).contains("Dry run test");
        String crm = api.createSource("crm-", 10);
        String erp = api.createSource("erp-", 50);
        String last = uniqueName();
        var first = api.push(
                crm,
                type,
                "a1",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + last + "\", \"email\": \"ann1@example.com\"}");
        var second = api.push(
                erp,
                type,
                "a2",
                "{\"first_name\": \"Ann\", \"last_name\": \"" + last + "\", \"email\": \"ann2@example.com\"}");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        UUID older = UUID.fromString(json(first).get("goldenId").asString());
        UUID newer = UUID.fromString(json(second).get("goldenId").asString());
        assertThat(newer).isNotEqualTo(older);

        signInAsAdmin();

        browser.get(url("/model/" + type));
        WebElement editor = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("yaml")));
        String edited = editor.getAttribute("value").replace("same: 0.9", "same: 0.6");
        assertThat(edited).contains("same: 0.6");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", editor, edited);
        browser.findElement(By.id("dry-run-model")).sendKeys(Keys.ENTER);

        WebElement report = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dry-run-result .dry-run-report")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("count-merged")));
        assertThat(browser.findElement(By.id("count-merged")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-joined")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-unchanged")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("dry-run-thresholds")).getText())
                .contains("same 0.9")
                .contains("same 0.6");
        WebElement merged = browser.findElement(By.id("samples-MERGED"));
        assertThat(merged.getText()).contains(erp + ":a2").contains(crm + ":a1").contains("ann2@example.com");
        assertThat(merged.findElement(By.cssSelector("a[href$='/golden/" + type + "/" + newer + "']")))
                .isNotNull();
        assertThat(merged.findElement(By.cssSelector("a[href$='/golden/" + type + "/" + older + "']")))
                .isNotNull();
        assertThat(report.getText()).doesNotContain("Fix these");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", report);
        BrowserSupport.screenshot(browser, "dry-run-01-model-edit");
        assertThat(json(api.get("/api/v1/model/" + type)).get("version").asInt())
                .as("nothing was saved")
                .isEqualTo(1);

        // a broken model: its problems in place of the report
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];", editor, edited.replace("type: email", "type: mail"));
        browser.findElement(By.id("dry-run-model")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dry-run-result"), "attributes[2].type"));
        assertThat(browser.findElements(By.id("count-merged"))).isEmpty();

        // a match section that names an attribute the model does not have: Check names its field and line
        assertThat(edited).containsOnlyOnce("attribute: email");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];",
                        editor,
                        edited.replace("attribute: email", "attribute: emial"));
        browser.findElement(By.id("check-model")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("model-problems"), "match.comparisons[2].attribute"));
        assertThat(browser.findElement(By.id("model-problems")).getText())
                .contains("emial")
                .containsPattern("line \\d+");
        assertThat(browser.findElement(By.id("dry-run-result")).getText())
                .as("the earlier dry run's problems are cleared by the check")
                .doesNotContain("attributes[2].type");
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView();", browser.findElement(By.id("model-problems")));
        BrowserSupport.screenshot(browser, "dry-run-03-match-section-error");

        // the same report as a page of its own (as a form posts it without htmx), of the stored model
        ((JavascriptExecutor) browser)
                .executeScript(
                        """
                        var form = document.createElement('form');
                        form.method = 'post';
                        form.action = arguments[0];
                        var csrf = document.createElement('input');
                        csrf.type = 'hidden';
                        csrf.name = document.querySelector('input[name="_csrf"]').name;
                        csrf.value = document.querySelector('input[name="_csrf"]').value;
                        form.appendChild(csrf);
                        document.body.appendChild(form);
                        form.submit();
                        """,
                        "/model/" + type + "/match/dry-run");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-form")));
        assertThat(browser.findElement(By.id("count-merged")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("count-unchanged")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("dry-run-text")).getAttribute("value"))
                .contains("same: 0.9");
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView();", browser.findElement(By.id("dry-run-result")));
        BrowserSupport.screenshot(browser, "dry-run-02-page");
    }

    /** The YAML model as the JSON the API client sends. */
    private static String toJson(String yaml) {
        return new tools.jackson.databind.json.JsonMapper()
                .writeValueAsString(new tools.jackson.dataformat.yaml.YAMLMapper().readValue(yaml, Object.class));
    }
}
