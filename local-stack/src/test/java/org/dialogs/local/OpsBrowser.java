package org.dialogs.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The system's headless Chromium, through its chromedriver (nothing is downloaded), on a stack's ops pages: log
 * in, make bursts, take screenshots. Tests using it are skipped where the browser is not installed.
 */
final class OpsBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    private final RunningStack running;

    private OpsBrowser(RunningStack running, Path profile, WebDriver driver) {
        this.running = running;
        this.profile = profile;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static final String NOT_INSTALLED =
            "no system Chromium and chromedriver (Debian packages chromium, chromium-driver; .ci/run installs them)";

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static OpsBrowser open(RunningStack running) throws Exception {
        Path profile = Files.createTempDirectory("dialogs-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        // the console, so a test can see what the content security policy refused
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        return new OpsBrowser(running, profile, driver);
    }

    /** Opens {@code /ops/}, which must send it to the login page, and logs in as the operator. */
    void logIn() {
        driver.get(running.stack.url("spam-detector") + "/ops/");
        if (!driver.getCurrentUrl().endsWith("/ops/login")) {
            throw new AssertionError("/ops/ did not ask for a login but showed " + driver.getCurrentUrl());
        }
        driver.findElement(By.id("password")).sendKeys(running.stack.operatorPassword());
        driver.findElement(By.id("login")).click();
    }

    /** {@code messages} messages from one user to another, published to Kafka as fast as it goes. */
    void burst(Api.User from, Api.User to, int messages) {
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

    /** What the pages reported to the console about the content security policy refusing something. */
    List<String> contentPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** Saves what the browser shows as {@code target/<name>}. */
    void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
