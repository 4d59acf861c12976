package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops dashboard in headless Chromium with the stack on the Citus cluster of {@code DIALOGS_CITUS_URL}, in a
 * schema of its own: the cluster's nodes and chart, a flooder isolated alone on its shard, the Citus actions
 * shown. Takes target/ops-dashboard-citus.png. Skipped without DIALOGS_CITUS_URL or the system browser.
 */
class OpsDashboardCitusBrowserIT {

    private static final String CITUS_URL = System.getenv("DIALOGS_CITUS_URL");
    private static final String SCHEMA = "dialogs_ops_it_" + UUID.randomUUID().toString().substring(0, 8);

    private static final String NO_CITUS =
            "DIALOGS_CITUS_URL is not set: no Citus cluster to run on (see README, 'Running on Citus')";

    private static RunningStack running;
    private static OpsBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        if (!citus() || !OpsBrowser.installed()) {
            return;
        }
        execute("CREATE SCHEMA " + SCHEMA);
        running = RunningStack.start(Map.of("SPRING_DATASOURCE_URL",
                CITUS_URL + (CITUS_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA));
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
        if (citus() && OpsBrowser.installed()) {
            execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            execute("DELETE FROM pg_dist_rebalance_strategy WHERE name = 'dialogs_pinned_" + SCHEMA + "'");
            execute("CALL citus_cleanup_orphaned_resources()");
        }
    }

    @Test
    void operatorSeesTheClusterAndTheFlooderAloneOnItsShard() throws Exception {
        Assumptions.assumeTrue(citus(), NO_CITUS);
        Assumptions.assumeTrue(OpsBrowser.installed(), OpsBrowser.NOT_INSTALLED);
        browser.logIn();
        browser.wait.until(ExpectedConditions.textToBe(By.id("mode"), "Citus cluster"));
        Api api = new Api(running.gateway());
        Api.User flooder = api.registerAndLogin("Flora", "flora-secret-1");
        Api.User victim = api.registerAndLogin("Vika", "vika-secret-1");
        Api.User busy = api.registerAndLogin("Helen", "helen-secret-1");
        browser.burst(busy, victim, 60);
        browser.burst(flooder, victim, 150);

        browser.driver.navigate().refresh();
        By flooderRow = By.cssSelector("#flags tr[data-sender='" + flooder.id() + "'].active");
        // a non-blocking isolation (a split onto another worker, then the rest of the old shard moved back) takes
        // tens of seconds on a busy machine; the flags table refreshes on its own meanwhile
        new WebDriverWait(browser.driver, Duration.ofMinutes(2)).until(
                ExpectedConditions.textToBePresentInElementLocated(flooderRow, "without blocking writes"));
        assertThat(browser.driver.findElement(flooderRow).getText()).contains("done", "(alone)", nodeOfShard(flooder))
                .doesNotContain("writes waited");
        assertThat(browser.driver.findElement(By.id("start-rebalance")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElements(By.cssSelector("#nodes tbody tr")))
                .as("the coordinator and the workers").hasSizeGreaterThanOrEqualTo(3);
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#heavy tr[data-sender='" + busy.id() + "']"), "Helen"));
        browser.screenshot("ops-dashboard-citus.png");
    }

    private static boolean citus() {
        return CITUS_URL != null && !CITUS_URL.isBlank();
    }

    /** The node that holds the shard of {@code user}'s messages, named as the cluster registered it. */
    private static String nodeOfShard(Api.User user) throws SQLException {
        try (Connection c = DriverManager.getConnection(CITUS_URL);
                PreparedStatement node = c.prepareStatement("""
                        SELECT n.nodename || ':' || n.nodeport
                          FROM pg_dist_placement p
                          JOIN pg_dist_node n ON n.groupid = p.groupid AND n.noderole = 'primary'
                         WHERE p.shardid = get_shard_id_for_distribution_column(?::regclass, ?::bigint)
                        """)) {
            node.setString(1, SCHEMA + ".messages");
            node.setLong(2, Long.parseLong(user.id()));
            try (ResultSet rs = node.executeQuery()) {
                assertThat(rs.next()).as("a placement of user " + user.id() + "'s shard").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(CITUS_URL)) {
            c.createStatement().execute(sql);
        }
    }
}
