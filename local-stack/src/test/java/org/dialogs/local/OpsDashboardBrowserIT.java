package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The ops dashboard in a real headless Chromium on the embedded default (plain PostgreSQL): an operator logs in,
 * sees a flooder appear after a burst, and lifts its throttle; an operator logs out. Nothing on the pages breaks
 * their content security policy. Takes the screenshot the README shows (target/ops-dashboard.png). Skipped where
 * /usr/bin/chromium or /usr/bin/chromedriver is missing.
 */
class OpsDashboardBrowserIT {

    private static RunningStack running;
    private static OpsBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        if (!OpsBrowser.installed()) {
            return;
        }
        running = RunningStack.start();
        browser = OpsBrowser.open(running);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void operatorLogsIn_seesTheFlooderAfterABurst_andLiftsItsThrottle() throws Exception {
        Assumptions.assumeTrue(OpsBrowser.installed(), OpsBrowser.NOT_INSTALLED);
        browser.logIn();
        browser.wait.until(ExpectedConditions.textToBe(By.id("mode"), "single-node PostgreSQL"));
        Api api = new Api(running.gateway());
        Api.User flooder = api.registerAndLogin("Flora", "flora-secret-1");
        Api.User victim = api.registerAndLogin("Vika", "vika-secret-1");
        Api.User busy = api.registerAndLogin("Helen", "helen-secret-1");
        browser.burst(busy, victim, 60);
        browser.burst(flooder, victim, 150);

        browser.driver.navigate().refresh();
        By flooderRow = By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'].active");
        // the page redraws its tables as it refreshes: look rows up again rather than keep them
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(flooderRow, "not_citus"));
        assertThat(browser.driver.findElement(flooderRow).getText()).contains("Flora", "messages-per-window");
        assertThat(browser.driver.findElement(By.id("start-rebalance")).isDisplayed())
                .as("Citus-only action hidden").isFalse();
        // watched exactly from its 10th message on, so it shows about 51 of its 60 messages: under the limit
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#heavy tr[data-sender='" + busy.id() + "']"), "Helen"));
        String filled = browser.driver.findElement(By.cssSelector("#heavy tr[data-sender='" + busy.id()
                + "'] .bar > span")).getCssValue("width");
        assertThat(Double.parseDouble(filled.replace("px", ""))).as("about half of the 120px bar, drawn under the "
                + "content policy").isBetween(30.0, 90.0);
        // the embedded default points the dashboard at its writer: the bursts' messages give it a p50 and a p99
        browser.wait.until(ExpectedConditions.textMatches(By.id("latency-p99"),
                java.util.regex.Pattern.compile("[0-9.]+ ms")));
        assertThat(browser.driver.findElement(By.id("writer-latency")).isDisplayed()).isTrue();
        browser.screenshot("ops-dashboard.png");

        browser.driver.findElement(By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'] button.lift"))
                .click();
        browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"),
                "Lifted the throttle of user " + flooder.id()));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'].lifted")));
        assertThat(running.count("SELECT count(*) FROM sender_flags WHERE sender_id = " + flooder.id()
                + " AND lifted_at IS NOT NULL")).isEqualTo(1);
        assertThat(browser.contentPolicyViolations()).isEmpty();
    }

    @Test
    void operatorLogsOut_andTheDashboardAsksForTheLoginAgain() {
        Assumptions.assumeTrue(OpsBrowser.installed(), OpsBrowser.NOT_INSTALLED);
        browser.driver.manage().deleteAllCookies();
        browser.logIn();
        browser.wait.until(ExpectedConditions.textToBe(By.id("mode"), "single-node PostgreSQL"));

        browser.driver.findElement(By.cssSelector("header form button")).click();

        browser.wait.until(ExpectedConditions.urlMatches("/ops/login$"));
        browser.driver.get(running.stack.url("spam-detector") + "/ops/");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/ops/login");
        assertThat(browser.contentPolicyViolations()).isEmpty();
    }
}
