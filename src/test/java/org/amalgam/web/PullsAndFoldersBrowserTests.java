package org.amalgam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator connects a department database and a drop folder to a source in a real browser: adds a watched
 * folder through the form (a wrong path first), runs a pull by hand and sees its state on the source page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PullsAndFoldersBrowserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${amalgam.admin.password}")
    String adminPassword;

    @TempDir
    Path temp;

    WebDriver browser;
    WebDriverWait wait;
    AmalgamApi api;
    String source;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = BrowserSupport.start(
                Files.createDirectories(temp.resolve("profile")), Files.createDirectories(temp.resolve("downloads")));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (source != null) {
            api.delete("/api/v1/sources/" + source + "/folders/inbox");
        }
    }

    @Test
    void anAdministratorAddsAFolderRunsAPullAndSeesBothOnTheSourcePage() throws IOException {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("erp-", 20);
        TestDatabase database = TestDatabase.get();
        String pull = JSON.writeValueAsString(java.util.Map.of(
                "type",
                "person",
                "jdbcUrl",
                database.url(),
                "username",
                database.username(),
                "query",
                "select code as id, name as last_name, updated_at from source_system where code = '" + source + "'",
                "keyColumn",
                "id",
                "watermarkColumn",
                "updated_at",
                "schedule",
                "PT15M",
                "enabled",
                false));
        assertThat(api.put("/api/v1/sources/" + source + "/pulls/customers", pull)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        Path drop = Files.createDirectories(temp.resolve("drop-" + UUID.randomUUID()));

        signIn();
        browser.get(url("/sources/" + source));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#source-inbound tr[data-pull]")));

        click(browser.findElement(By.id("add-folder")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("folder-form")));
        browser.findElement(By.id("name")).sendKeys("inbox");
        browser.findElement(By.id("path")).sendKeys(drop.resolve("missing").toString());
        browser.findElement(By.id("folder-submit")).click();
        WebElement pathError = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#path.is-invalid ~ .invalid-feedback")));
        assertThat(pathError.getText()).contains("does not exist");
        BrowserSupport.screenshot(browser, "pulls-01-folder-form-error");
        WebElement path = browser.findElement(By.id("path"));
        path.clear();
        path.sendKeys(drop.toString());
        browser.findElement(By.id("folder-submit")).click();
        wait.until(ExpectedConditions.urlToBe(url("/sources/" + source)));
        assertThat(browser.findElement(By.cssSelector(".alert-success")).getText())
                .contains("Now watching inbox");

        WebElement run = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#source-inbound tr[data-pull='customers'] .run-pull")));
        click(run);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("inbound-notice"), "Started the pull customers."));
        WebElement pullRow = wait.until(driver -> {
            WebElement row = driver.findElement(By.cssSelector("#source-inbound tr[data-pull='customers']"));
            return row.getText().contains("Completed") ? row : null;
        });
        assertThat(pullRow.getText()).contains("PT15M", "1 row", "disabled");
        assertThat(pullRow.getText()).containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        assertThat(folderRow().getText()).contains(drop.toString(), "no file yet");

        Files.writeString(drop.resolve("people.csv"), "id,first_name,last_name\nb1,Ada,Lovelace\n");
        click(folderRow().findElement(By.cssSelector(".scan-folder")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("inbound-notice"), "1 is still being written"));
        click(folderRow().findElement(By.cssSelector(".scan-folder")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inbound-notice"), "took 1 file"));
        wait.until(driver -> folderRow().getText().contains("Done"));
        assertThat(folderRow().getText()).contains("people.csv");
        assertThat(Files.list(drop.resolve("done")).count()).isEqualTo(1);

        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].scrollIntoView({behavior: 'instant'})",
                        browser.findElement(By.id("source-inbound")));
        BrowserSupport.screenshot(browser, "pulls-02-source-page");

        browser.get(url("/sources/" + source + "/pulls/customers/edit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pull-form")));
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("query")).getAttribute("value")).contains("source_system");
        BrowserSupport.screenshot(browser, "pulls-03-pull-form");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors)
                .as("console errors, e.g. Content-Security-Policy violations")
                .isEmpty();
    }

    /** The card sits below the fold of a laptop screen; a person scrolls to it first (Bootstrap scrolls smoothly). */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private WebElement folderRow() {
        return browser.findElement(By.cssSelector("#source-inbound tr[data-folder='inbox']"));
    }

    private void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(adminPassword);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
