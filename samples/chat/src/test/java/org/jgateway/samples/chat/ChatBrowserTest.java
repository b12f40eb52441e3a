package org.jgateway.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.test.RequiredComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The page in real headless Chromium: two browsers join a room and talk with each other and with a telnet user, a
 * private message reaches only its target, and the online list counts three; a browser that goes offline comes back
 * to the messages it missed, each once and in order, or to a marked gap. Leaves {@code target/chat-screenshot.png}.
 * <p>
 * Uses the system's Chromium and chromedriver ({@code apt-get install chromium chromium-driver} on Debian); with both
 * paths given, Selenium Manager never runs, so nothing is downloaded. Skipped where they are missing, except with
 * {@code CI=true}, where that fails the build.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    @RegisterExtension
    static final RequiredComponent BROWSER = RequiredComponent.of("Chromium and chromedriver",
            "on Debian/Ubuntu: apt-get install chromium chromium-driver", CHROMIUM, CHROMEDRIVER);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int httpPort;

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    @TempDir
    Path profiles;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void twoBrowsersAndATelnetUserChatInARoom() throws IOException {
        WebDriver alice = join("alice", "kitchen");
        WebDriver bob = join("bob", "kitchen");
        try (TextChatClient tom = new TextChatClient(textPort)) {
            tom.type("tom");
            tom.awaitLineStartingWith("[lobby] * tom joined");
            tom.type("/join kitchen");
            tom.awaitLineStartingWith("[kitchen] * tom joined");

            for (WebDriver browser : List.of(alice, bob)) {
                waitFor(browser).until(ExpectedConditions.textToBe(By.id("online-count"), "3"));
                assertThat(browser.findElements(By.cssSelector("#users li")))
                        .extracting(user -> user.getAttribute("data-name"))
                        .containsExactly("alice", "bob", "tom");
            }

            say(alice, "Hello from alice");
            awaitMessage(bob, "alice", "Hello from alice");
            tom.awaitLine("[kitchen] alice: Hello from alice");

            say(bob, "Hi alice, bob here");
            awaitMessage(alice, "bob", "Hi alice, bob here");
            tom.awaitLine("[kitchen] bob: Hi alice, bob here");

            tom.type("telnet says hi");
            awaitMessage(alice, "tom", "telnet says hi");
            awaitMessage(bob, "tom", "telnet says hi");

            // Clicking a name in the online list makes the next message private.
            alice.findElement(By.cssSelector("#users li[data-name='bob']")).click();
            say(alice, "Just between us");
            WebElement secret = awaitMessage(bob, "alice → bob", "Just between us");
            assertThat(secret.getAttribute("class")).contains("private");
            awaitMessage(alice, "alice → bob", "Just between us");
            alice.findElement(By.id("private-target")).click();
            say(alice, "Back to everyone");
            tom.awaitLine("[kitchen] alice: Back to everyone");
            assertThat(tom.lines()).noneMatch(line -> line.contains("Just between us"));

            waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rooms"), "kitchen (3)"));
            screenshot(alice, Path.of("target", "chat-screenshot.png"));
        }
    }

    @Test
    void aBrowserThatWasOfflineIsShownWhatItMissedOnceInOrderOrAGap() {
        WebDriver alice = join("carol", "attic");
        WebDriver bob = join("dave", "attic");
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("online-count"), "2"));
        say(alice, "before");
        awaitMessage(bob, "carol", "before");
        awaitMessage(alice, "carol", "before");

        goOffline(alice);
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("online-count"), "1"));
        for (int i = 1; i <= 5; i++) {
            say(bob, "missed " + i);
            awaitMessage(bob, "dave", "missed " + i);
        }
        goOnline(alice);
        awaitMessage(alice, "dave", "missed 5");
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("online-count"), "2"));
        say(bob, "live again");
        awaitMessage(alice, "dave", "live again");
        assertThat(messageTexts(alice)).containsExactly("before", "missed 1", "missed 2", "missed 3", "missed 4",
                "missed 5", "live again");
        assertThat(alice.findElements(By.cssSelector("#messages li.gap"))).isEmpty();

        // A position the room no longer knows (another epoch): nothing old is shown, a gap is marked.
        goOffline(alice);
        ((JavascriptExecutor) alice).executeScript("const p = JSON.parse(sessionStorage.getItem('chat.positions'));"
                + "p.attic.epoch = 'gone'; sessionStorage.setItem('chat.positions', JSON.stringify(p));");
        say(bob, "lost");
        awaitMessage(bob, "dave", "lost");
        goOnline(alice);
        waitFor(alice).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.gap")));
        say(bob, "after the gap");
        awaitMessage(alice, "dave", "after the gap");
        assertThat(messageTexts(alice)).containsExactly("before", "missed 1", "missed 2", "missed 3", "missed 4",
                "missed 5", "live again", "after the gap");
    }

    private static void goOffline(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('offline'))");
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "offline"));
    }

    private static void goOnline(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('online'))");
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "online"));
    }

    private static List<String> messageTexts(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages li.message .text")).stream().map(WebElement::getText)
                .toList();
    }

    /** A fresh browser on the page, logged in. */
    private WebDriver join(String name, String room) {
        WebDriver browser = startBrowser(name);
        browser.get("http://127.0.0.1:" + httpPort + "/");
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "online"));
        browser.findElement(By.id("name")).sendKeys(name);
        WebElement roomField = browser.findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(room);
        browser.findElement(By.cssSelector("#login-form button")).click();
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
        assertThat(browser.findElement(By.id("room-title")).getText()).isEqualTo("# " + room);
        return browser;
    }

    private WebDriver startBrowser(String name) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless, and quiet: no sandbox (containers), no calls home (the build machine may have no internet).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profiles.resolve(name));
        ChromeDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.manage().window().setSize(new Dimension(1100, 680));
        return browser;
    }

    private static void say(WebDriver browser, String text) {
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    /** Waits for a message with that sender line and text in the browser's message list. */
    private static WebElement awaitMessage(WebDriver browser, String from, String text) {
        return waitFor(browser).until(driver -> driver.findElements(By.cssSelector("#messages li.message")).stream()
                .filter(message -> message.findElement(By.className("from")).getText().equals(from)
                        && message.findElement(By.className("text")).getText().equals(text))
                .findFirst()
                .orElse(null));
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private static void screenshot(WebDriver browser, Path file) throws IOException {
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
