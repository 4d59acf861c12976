package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole stack on the Citus coordinator given by {@code DIALOGS_CITUS_URL}, in a schema of its own, runs the
 * scenario of {@link SpamDetectionIT}: all of that holds, the flooder's isolation job runs on the cluster, and
 * the flooder ends alone on its own shard with all its messages, and the job says whether writes waited (only on
 * a cluster with a single worker).
 * Skipped without {@code DIALOGS_CITUS_URL}; drops its schema afterwards, so it can run again on the same cluster.
 */
class SpamIsolationCitusIT {

    private static final String CITUS_URL = System.getenv("DIALOGS_CITUS_URL");
    private static final String SCHEMA = "dialogs_spam_it_" + UUID.randomUUID().toString().substring(0, 8);

    private static RunningStack running;

    @BeforeAll
    static void start() throws SQLException {
        if (!citus()) {
            return;
        }
        execute("CREATE SCHEMA " + SCHEMA);
        String url = CITUS_URL + (CITUS_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        running = RunningStack.start(Map.of("SPRING_DATASOURCE_URL", url));
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        if (citus()) {
            execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            // the migrations registered a rebalance strategy named for the schema (V4)
            execute("DELETE FROM pg_dist_rebalance_strategy WHERE name = 'dialogs_pinned_" + SCHEMA + "'");
            execute("CALL citus_cleanup_orphaned_resources()");
        }
    }

    @Test
    void sameScenarioAsSpamDetectionIT_flooderEndsAloneOnItsOwnShard_withAllItsMessages() throws Exception {
        Assumptions.assumeTrue(citus(),
                "DIALOGS_CITUS_URL is not set: no Citus cluster to run on (see README, 'Running on Citus')");
        FloodScenario scenario = new FloodScenario(running);

        FloodScenario.Outcome outcome = scenario.run();

        scenario.assertFlaggedOnceAndThrottled(outcome, "done", Duration.ofSeconds(120));
        long flooderId = outcome.flooderId();
        try (Connection c = connect(); ResultSet shard = c.createStatement().executeQuery("""
                SELECT shardminvalue::bigint = shardmaxvalue::bigint FROM pg_dist_shard
                 WHERE shardid = get_shard_id_for_distribution_column('%s.messages', %d)
                """.formatted(SCHEMA, flooderId))) {
            shard.next();
            assertThat(shard.getBoolean(1)).as("the flooder's shard holds one hash value").isTrue();
        }
        assertOpsApiShowsTheIsolation(flooderId);
        // the scenario's own messages (its throttle check adds a few sent over HTTP, with another text)
        await().atMost(Duration.ofSeconds(60)).until(() -> running.count("SELECT count(*) FROM messages"
                + " WHERE sender_id = " + flooderId + " AND text = 'hello'") == outcome.flooderSent());
    }

    /** The ops API, with operator credentials, shows the cluster and the flooder alone on its shard. */
    private static void assertOpsApiShowsTheIsolation(long flooderId) throws Exception {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("operator:"
                + running.stack.operatorPassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Api ops = new Api(running.stack.url("spam-detector"));
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var cluster = json.readTree(ops.call("GET", "/ops/api/cluster", auth, null, null, Map.of()).body());
        assertThat(cluster.get("citus").asBoolean()).isTrue();
        assertThat(cluster.get("nodes").size()).as("coordinator and workers").isGreaterThanOrEqualTo(3);
        var flags = json.readTree(ops.call("GET", "/ops/api/flags", auth, null, null, Map.of()).body());
        var flag = flags.valueStream().filter(f -> f.get("flag").get("sender_id").asLong() == flooderId)
                .findFirst().orElseThrow();
        var job = flag.get("job");
        assertThat(job.get("state").asString()).isEqualTo("done");
        assertThat(flag.get("placement").get("isolated").asBoolean()).isTrue();
        long workers = cluster.get("nodes").valueStream().filter(n -> n.get("accepts_shards").asBoolean()).count();
        if (workers >= 2) {
            assertThat(job.get("writes_blocked").asBoolean()).as(job.get("outcome").asString()).isFalse();
            assertThat(job.get("outcome").asString()).contains("without blocking writes");
        } else {
            assertThat(job.get("writes_blocked").asBoolean()).isTrue();
            assertThat(job.get("outcome").asString()).contains("single worker");
        }
    }

    private static boolean citus() {
        return CITUS_URL != null && !CITUS_URL.isBlank();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(CITUS_URL);
    }
}
