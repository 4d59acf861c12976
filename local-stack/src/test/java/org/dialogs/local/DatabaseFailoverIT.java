package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Database failover drills under a steady stream of sends through the gateway, the whole stack pointed at a
 * Patroni cluster (a primary and a synchronous standby) by a multi-host URL: every acknowledged message is stored
 * exactly once, the gateway answers 200 or 503 with Retry-After and never 500, and writes resume within the targets.
 * Figures go to {@code target/ha-drills.md}; docs/reliability.md quotes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFailoverIT {

    private static final int SENDERS = 8;
    private static final Path REPORT = Path.of("target", "ha-drills.md");

    private static Path folder;
    private static PatroniCluster cluster;
    private static RunningStack running;
    private static FailoverDrill drill;

    @BeforeAll
    static void start() throws IOException {
        PatroniCluster.unavailableBecause().ifPresent(reason -> {
            if ("true".equals(System.getenv("DIALOGS_REQUIRE_PATRONI"))) {
                throw new IllegalStateException("DIALOGS_REQUIRE_PATRONI is set, but " + reason);
            }
            Assumptions.abort("Patroni drills skipped: " + reason);
        });
        folder = Files.createTempDirectory("dialogs-ha",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        cluster = PatroniCluster.start(folder);
        cluster.createDatabase("dialogs");
        running = RunningStack.start(Map.of("SPRING_DATASOURCE_URL", cluster.jdbcUrl("dialogs")));
        Api api = new Api(running.gateway());
        Api.User peer = api.registerAndLogin("Petra", "peer-secret");
        List<Api.User[]> pairs = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            pairs.add(new Api.User[] {api.registerAndLogin("Sender" + (char) ('a' + i), "sender-secret"), peer});
        }
        drill = new FailoverDrill(api, pairs, running.stack.url("message-writer"),
                new StoredMessages(cluster.jdbcUrl("dialogs")), REPORT);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (folder != null) {
                keepLogs();
                FileSystemUtils.deleteRecursively(folder);
            }
        }
    }

    /** etcd's and each node's Patroni log (with PostgreSQL's), to read after a failed drill. */
    private static void keepLogs() throws IOException {
        Path logs = REPORT.resolveSibling("ha-drills-logs");
        Files.createDirectories(logs);
        try (var files = Files.walk(folder, 2)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getParent().getFileName() + "-" + log.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    @Order(0)
    void aCommit_returnsOnlyOnceTheSyncStandbyHasFlushedIt() throws Exception {
        PatroniNode standby = cluster.syncStandby().orElseThrow();
        String walReceiver = String.valueOf(single("jdbc:postgresql://127.0.0.1:" + standby.postgresPort
                + "/postgres", "SELECT pid FROM pg_stat_wal_receiver"));
        ExecutorService client = Executors.newSingleThreadExecutor();
        Processes.run(List.of("kill", "-STOP", walReceiver), Duration.ofSeconds(5));
        Future<Long> commit;
        try {
            commit = client.submit(() -> single(cluster.jdbcUrl("postgres"),
                    "CREATE TABLE IF NOT EXISTS sync_probe (v int); INSERT INTO sync_probe VALUES (1); SELECT 1"));
            assertThatThrownBy(() -> commit.get(3, TimeUnit.SECONDS)).as("commit while the standby is frozen")
                    .isInstanceOf(TimeoutException.class);
        } finally {
            Processes.run(List.of("kill", "-CONT", walReceiver), Duration.ofSeconds(5));
        }
        assertThat(commit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        client.shutdown();
    }

    @Test
    @Order(1)
    void switchover_losesAndDuplicatesNothing_andWritesResumeWithinTenSeconds() throws Exception {
        FailoverDrill.Result result = drill.run("switchover (patronictl)", () -> {
            String newLeader = cluster.switchover();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leader().map(n -> n.name)
                    .filter(newLeader::equals).isPresent());
        });
        // the driver reconnects within Hikari's connection timeout, so the writer may not even see a failed batch
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(10));
        cluster.awaitSynchronous(Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void standbyLost_writesGoOnUnprotected_andItRejoinsAsSyncStandby() throws Exception {
        PatroniNode standby = cluster.syncStandby().orElseThrow();
        FailoverDrill.Result result = drill.run("standby lost (SIGKILL Patroni + postmaster of the sync standby)", () -> {
            standby.crash();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.syncStandby().isEmpty());
        });
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(10));
        standby.start();
        cluster.awaitSynchronous(Duration.ofSeconds(90));
    }

    @Test
    @Order(3)
    void primaryKilled_failsOverToTheSyncStandby_losesNothing_andWritesResumeWithinThirtySeconds() throws Exception {
        cluster.awaitSynchronous(Duration.ofSeconds(90));
        PatroniNode primary = cluster.leader().orElseThrow();
        PatroniNode standby = cluster.syncStandby().orElseThrow();
        FailoverDrill.Result result = drill.run("failover (SIGKILL Patroni + postmaster of the primary)", () -> {
            primary.crash();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leader().map(n -> n.name)
                    .filter(standby.name::equals).isPresent());
        });
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(30));
        // a send of known users needs only Kafka (users cached, read-your-writes from offsets): the gateway may go
        // on answering 200 through the failover, and when it does answer otherwise it is a 503 (FailoverDrill)
        assertThat(result.writerStates()).containsSubsequence("UP", "DEGRADED", "UP");
    }

    private static long single(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            Statement statement = c.createStatement();
            boolean isQuery = statement.execute(sql);
            while (!isQuery) {
                isQuery = statement.getMoreResults();
            }
            ResultSet rs = statement.getResultSet();
            rs.next();
            return rs.getLong(1);
        }
    }
}
