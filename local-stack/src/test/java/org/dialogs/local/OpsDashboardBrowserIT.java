package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops dashboard in a real headless Chromium (the system's, through its chromedriver; nothing is downloaded):
 * an operator logs in, sees a flooder appear after a burst, and lifts its throttle. Takes the screenshot the
 * README shows (target/ops-dashboard.png). Skipped where /usr/bin/chromium or /usr/bin/chromedriver is missing.
 */
class OpsDashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static RunningStack running;
    private static Api api;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no system Chromium and chromedriver (Debian packages chromium, chromium-driver; .ci/run installs them)");
        running = RunningStack.start();
        api = new Api(running.gateway());
        profile = Files.createTempDirectory("dialogs-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (running != null) {
            running.close();
        }
        if (profile != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void operatorLogsIn_seesTheFlooderAfterABurst_andLiftsItsThrottle() throws Exception {
        String ops = running.stack.url("spam-detector") + "/ops/";
        browser.get(ops);
        assertThat(browser.getCurrentUrl()).as("sent to the login page").endsWith("/ops/login");
        browser.findElement(By.id("password")).sendKeys(running.stack.operatorPassword());
        browser.findElement(By.id("login")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBe(By.id("mode"), "single-node PostgreSQL"));

        Api.User flooder = api.registerAndLogin("Flora", "flora-secret-1");
        Api.User victim = api.registerAndLogin("Vika", "vika-secret-1");
        Api.User busy = api.registerAndLogin("Helen", "helen-secret-1");
        burst(busy, victim, 60);
        burst(flooder, victim, 150);

        browser.navigate().refresh();
        By flooderRow = By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'].active");
        // the page redraws its tables as it refreshes: look rows up again rather than keep them
        wait.until(ExpectedConditions.textToBePresentInElementLocated(flooderRow, "not_citus"));
        assertThat(browser.findElement(flooderRow).getText()).contains("Flora", "messages-per-window");
        assertThat(browser.findElement(By.id("start-rebalance")).isDisplayed()).as("Citus-only action hidden")
                .isFalse();
        // watched exactly from its 10th message on, so it shows about 51 of its 60 messages: under the limit
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#heavy tr[data-sender='" + busy.id() + "']"), "Helen"));
        screenshot();

        browser.findElement(By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'] button.lift")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"),
                "Lifted the throttle of user " + flooder.id()));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'].lifted")));
        assertThat(running.count("SELECT count(*) FROM sender_flags WHERE sender_id = " + flooder.id()
                + " AND lifted_at IS NOT NULL")).isEqualTo(1);
    }

    private static void burst(Api.User from, Api.User to, int messages) {
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        long sender = Long.parseLong(from.id());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all"), new StringSerializer(),
                new SendMessageSerializer())) {
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, from.id(), SendMessage.newBuilder()
                        .setMessageId(ids.next()).setSenderId(sender).setRecipientId(Long.parseLong(to.id()))
                        .setText("burst " + i).setSentAt(Instant.now()).build()));
            }
        }
    }

    private static void screenshot() throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "ops-dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
