package org.amalgam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The foundation's slice as a new user does it in a real browser: sign in, create a source with a default phone
 * region, upload a CSV, check its mapping against the first rows (phone numbers read in that region), watch the import finish, find the golden record, open it, and download the golden
 * records as CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FoundationSliceBrowserTests extends BrowserTest {

    @Test
    void newUserLoadsAFileAndFindsAndDownloadsTheGoldenRecords() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String code = "crm-" + suffix;
        String email = "ada." + suffix + "@example.com";
        // a Berlin number no other test uses, written without the country code as the source's users write it
        String subscriber = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        Path csv = temp.resolve("people-" + suffix + ".csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "id,first_name,last_name,email,city,phone",
                        "1,Ada,Lovelace-" + suffix + "," + email.toUpperCase() + ",London,030 " + subscriber,
                        "2,Ada,Lovelace-" + suffix + ", " + email + " ,London,",
                        "3,Charles,Babbage-" + suffix + ",,London,",
                        ",Nobody,Without-Key,,,",
                        ""),
                StandardCharsets.UTF_8);

        browser.get(url("/golden/person"));
        wait.until(ExpectedConditions.urlContains("/login"));
        BrowserSupport.screenshot(browser, "01-login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(adminPassword);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));

        browser.get(url("/sources"));
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("name")).sendKeys("Sales CRM " + suffix);
        browser.findElement(By.id("department")).sendKeys("Sales");
        WebElement priority = browser.findElement(By.id("priority"));
        priority.clear();
        priority.sendKeys("10");
        Select phoneRegion = new Select(browser.findElement(By.id("phoneRegion")));
        assertThat(phoneRegion.getFirstSelectedOption().getDomAttribute("value"))
                .as("a new source has no phone region")
                .isEmpty();
        phoneRegion.selectByValue("DE");
        assertThat(phoneRegion.getFirstSelectedOption().getText()).isEqualTo("Germany (DE)");
        BrowserSupport.screenshot(browser, "01b-source-form");
        browser.findElement(By.id("source-submit")).click();
        wait.until(ExpectedConditions.urlContains("/sources/" + code));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-form")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Sales CRM " + suffix);
        assertThat(browser.findElement(By.id("source-summary")).getText()).contains("DE");
        assertThat(new Select(browser.findElement(By.id("phoneRegion")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .as("the settings show the source's phone region")
                .isEqualTo("DE");
        BrowserSupport.screenshot(browser, "01c-source-settings");

        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();

        // the mapping step: columns suggested from their names, the first rows shown as they will be stored
        wait.until(ExpectedConditions.urlContains("/imports/staged/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mapping-table")));
        assertThat(new Select(browser.findElement(By.id("key-column")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("id");
        assertThat(new Select(browser.findElement(By.id("column-email")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("email");
        assertThat(cells("email").get(0).getText()).startsWith(email);
        assertThat(cells("phone").get(0).getText())
                .as("030 … read in the source's phone region")
                .contains("+4930" + subscriber);
        assertThat(browser.findElement(By.cssSelector("#mapping-preview th[data-row='4']"))
                        .getText())
                .contains("rejected");
        assertThat(browser.findElement(By.cssSelector("#mapping-preview tfoot")).getText())
                .contains("source key");
        assertThat(browser.findElement(By.id("save-profile")).isSelected()).isTrue();
        // unmapping a column refreshes the preview in place, and mapping it again brings its values back
        new Select(browser.findElement(By.id("column-city"))).selectByValue("");
        wait.until(driver -> !cells("city").get(0).getText().contains("London"));
        new Select(browser.findElement(By.id("column-city"))).selectByValue("city");
        wait.until(driver -> cells("city").get(0).getText().contains("London"));
        BrowserSupport.screenshot(browser, "02-mapping");
        // as a keyboard user does (a click would race Bootstrap's smooth scrolling to the button)
        browser.findElement(By.id("import-submit")).sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.urlMatches("/imports/[0-9a-f-]{36}$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "Completed"));
        BrowserSupport.screenshot(browser, "03-import-completed");
        assertThat(browser.findElement(By.id("count-read")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.id("count-created")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("count-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("rejections")).getText()).contains("source key");

        browser.get(url("/golden/person"));
        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys("lovelace-" + suffix);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("golden-total"), "1 golden record"));
        // htmx pushes the search into the address after it swapped the results in
        wait.until(ExpectedConditions.urlContains("q=lovelace-" + suffix));
        BrowserSupport.screenshot(browser, "04-search");
        List<WebElement> links = browser.findElements(By.cssSelector("#golden-table a.golden-link"));
        assertThat(links).hasSize(1);
        links.get(0).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("golden-values")));
        BrowserSupport.screenshot(browser, "05-golden-record");
        String goldenId = browser.findElement(By.id("golden-id")).getText();
        WebElement emailRow = browser.findElement(By.cssSelector("#golden-values tr[data-attribute='email']"));
        assertThat(emailRow.getText()).contains(email).contains(code + ":");
        assertThat(browser.findElements(By.cssSelector("#crosswalk tbody tr"))).hasSize(2);

        browser.get(url("/golden/person?q=lovelace-" + suffix));
        browser.findElement(By.id("download-csv")).click();
        Path downloaded = awaitDownload(temp.resolve("downloads"));
        List<String> lines = Files.readAllLines(downloaded, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("golden_id,version,first_name");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(goldenId).contains(email);

        browser.get(url("/sources/" + code));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved-mappings")));
        assertThat(browser.findElement(By.id("saved-mappings")).getText()).contains("person");

        // the settings change the phone region back to none
        WebElement summary = browser.findElement(By.id("source-summary"));
        new Select(browser.findElement(By.id("phoneRegion"))).selectByValue("");
        browser.findElement(By.id("source-submit")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.stalenessOf(summary));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-summary")));
        assertThat(browser.findElement(By.id("source-summary")).getText()).doesNotContain("DE");
        assertThat(new Select(browser.findElement(By.id("phoneRegion")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEmpty();
    }

    /** The preview cells of one attribute's row in the mapping step, found afresh after each refresh. */
    private List<WebElement> cells(String attribute) {
        return browser.findElements(
                By.cssSelector("#mapping-preview tr[data-attribute='" + attribute + "'] td.preview-cell"));
    }

    private Path awaitDownload(Path downloads) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                        .findFirst()
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }
}
