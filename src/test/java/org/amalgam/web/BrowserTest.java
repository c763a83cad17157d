package org.amalgam.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: the running application's port and administrator password, a headless Chromium
 * with its own profile and download folder for each test ({@link BrowserSupport}), and a wait that ignores elements
 * htmx replaced while a condition looked at them.
 */
abstract class BrowserTest {

    @LocalServerPort
    int port;

    @Value("${amalgam.admin.password}")
    String adminPassword;

    @TempDir
    Path temp;

    WebDriver browser;
    WebDriverWait wait;

    /** How long {@link #wait} waits for a condition. */
    Duration waitTimeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = BrowserSupport.start(
                Files.createDirectories(temp.resolve("profile")), Files.createDirectories(temp.resolve("downloads")));
        wait = new WebDriverWait(browser, waitTimeout());
        // htmx replaces parts of a page while a condition looks at them
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in on the login page as the first administrator and waits for the signed-in page. */
    void signInAsAdmin() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(adminPassword);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }
}
