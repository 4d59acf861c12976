package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * exactly once, the gateway answers 503 with Retry-After and never 500, and writes resume within the targets.
 * Figures go to {@code target/ha-drills.md}; docs/reliability.md quotes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFailoverIT {

    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final int SENDERS = 8;
    private static final Path REPORT = Path.of("target", "ha-drills.md");

    private static Path folder;
    private static PatroniCluster cluster;
    private static RunningStack running;
    private static Api api;
    private static List<Api.User[]> pairs;

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
        api = new Api(running.gateway());
        Api.User peer = api.registerAndLogin("Petra", "peer-secret");
        pairs = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            pairs.add(new Api.User[] {api.registerAndLogin("Sender" + (char) ('a' + i), "sender-secret"), peer});
        }
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
        DrillResult result = drill("switchover (patronictl)", () -> {
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
        DrillResult result = drill("standby lost (SIGKILL Patroni + postmaster of the sync standby)", () -> {
            standby.crash();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.syncStandby().isEmpty());
        });
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(10));
        standby.start();
        cluster.awaitSynchronous(Duration.ofSeconds(90));
    }

    @Test
    @Order(3)
    void primaryPostmasterKilled_patroniRestartsItInPlace_losesNothing_andWritesResumeWithinThirtySeconds()
            throws Exception {
        PatroniNode primary = cluster.leader().orElseThrow();
        long killed = primary.postmaster().orElseThrow().pid();
        DrillResult result = drill("postmaster killed (SIGKILL the primary's postmaster, Patroni alive)", () -> {
            primary.postmaster().ifPresent(ProcessHandle::destroyForcibly);
            // Patroni restarts it in place (crash recovery, then promotion: it kept the leader lock)
            await().atMost(Duration.ofSeconds(90)).until(() -> cluster.leader()
                    .flatMap(PatroniNode::postmaster).filter(p -> p.pid() != killed).isPresent());
        });
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(30));
        cluster.awaitSynchronous(Duration.ofSeconds(90));
    }

    @Test
    @Order(4)
    void primaryKilled_failsOverToTheSyncStandby_losesNothing_andWritesResumeWithinThirtySeconds() throws Exception {
        cluster.awaitSynchronous(Duration.ofSeconds(90));
        PatroniNode primary = cluster.leader().orElseThrow();
        PatroniNode standby = cluster.syncStandby().orElseThrow();
        DrillResult result = drill("failover (SIGKILL Patroni + postmaster of the primary)", () -> {
            primary.crash();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leader().map(n -> n.name)
                    .filter(standby.name::equals).isPresent());
        });
        assertThat(result.writeStall()).isLessThan(Duration.ofSeconds(30));
        assertThat(result.statuses()).as("the gateway said the database was gone").containsKey(503);
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

    /** What one drill measured. */
    record DrillResult(Duration writeStall, Duration ackGap, Map<Integer, Long> statuses, List<String> writerStates,
            long acknowledged, Duration took) {
    }

    private static DrillResult drill(String name, Runnable disruption) throws Exception {
        Instant began = Instant.now();
        SendStream stream = SendStream.start(api, pairs, PAUSE);
        WriterHealthProbe writer = WriterHealthProbe.start(running.stack.url("message-writer"),
                Duration.ofMillis(200));
        StoredMessages stored = new StoredMessages(cluster.jdbcUrl("dialogs"));
        try (writer) {
            try (stream) {
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.okSince(began) >= 100);
                disruption.run();
                Instant after = Instant.now();
                // steady again: a few seconds' worth of acknowledgements after the disruption
                await().atMost(Duration.ofSeconds(90)).until(() -> stream.okSince(after) >= 200);
            }
            List<String> ids = stream.acknowledgedIds();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored.copies(ids).size() == ids.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.states().get(writer.states().size() - 1)
                    .equals("UP"));
        }
        List<String> ids = stream.acknowledgedIds();
        DrillResult result = new DrillResult(Gaps.longest(stored.storedAt(ids)),
                stream.longestGapBetweenAcknowledgements(), stream.statuses(), writer.states(), ids.size(),
                Duration.between(began, Instant.now()));
        report(name, result);
        assertThat(stored.copies(ids).values()).as("copies of each acknowledged message").allMatch(c -> c == 1);
        // no message stored twice under another id either: beyond the acknowledged ones, at most those answered 503
        // (a publish that timed out may still have reached Kafka)
        long answered503 = stream.statuses().getOrDefault(503, 0L);
        assertThat(stored.sentSince(pairs.stream().map(p -> p[0].id()).toList(), began))
                .as("messages of the drill's senders stored").isBetween((long) ids.size(), ids.size() + answered503);
        assertThat(stream.statuses().keySet()).as("answers by status").isSubsetOf(Set.of(200, 503));
        assertThat(stream.answers()).filteredOn(a -> a.status() == 503).allMatch(SendStream.Answer::retryAfter);
        return result;
    }

    private static void report(String name, DrillResult r) throws IOException {
        String line = "| %s | %d | %s | %.1f s | %.1f s | %s | %.0f s |%n".formatted(name, r.acknowledged(),
                r.statuses(), r.writeStall().toMillis() / 1000.0, r.ackGap().toMillis() / 1000.0,
                String.join(" → ", r.writerStates()), r.took().toMillis() / 1000.0);
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
