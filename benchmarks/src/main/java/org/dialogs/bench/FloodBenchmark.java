package org.dialogs.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dialogs.infra.PostgresServer;
import org.dialogs.local.LocalStack;
import org.dialogs.local.LocalStackOptions;
import org.springframework.util.FileSystemUtils;

/**
 * The flood scenario through the whole system (gateway, Kafka, writer, detector) on the embedded PostgreSQL or an
 * existing database such as a Citus coordinator: steady traffic from many normal senders plus one flooder, and,
 * before, during and after the flooder's isolation, the normal senders' accept-to-stored latency, the writer's
 * throughput, failed batches and lost messages. See docs/benchmarks.md.
 */
final class FloodBenchmark {

    private static final String JOB = """
            SELECT f.flagged_at, j.state, j.requested_at, j.started_at, j.finished_at, j.attempts, j.last_error,
                   j.outcome, j.writes_blocked
              FROM sender_flags f LEFT JOIN isolation_jobs j ON j.sender_id = f.sender_id
             WHERE f.sender_id = ?
            """;
    private static final String COUNT_STORED = """
            SELECT id, count(*) FROM messages WHERE sender_id = ANY (?) AND id = ANY (?) GROUP BY id
            """;

    private FloodBenchmark() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int senders = options.integer("normal-senders", 20);
        double rate = options.integer("rate", 20);
        double floodRate = options.integer("flood-rate", 15);
        int seconds = options.integer("seconds", 150);
        int floodAt = options.integer("flood-at", 30);
        int warmup = options.integer("warmup", 10);
        if (rate / senders * 10 >= 50) {
            throw new IllegalArgumentException("normal senders would send " + rate / senders * 10
                    + " messages per 10 s each: keep it well under the spam rule's 100");
        }
        String existing = options.text("jdbc-url", "");
        System.out.printf("machine: %s; load average at start: %s%n", Machine.describe(), loadAverage());
        Path folder = Files.createTempDirectory("dialogs-flood",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (BenchDatabase database = existing.isEmpty() ? null : BenchDatabase.existing(existing)) {
            Map<String, String> environment = new HashMap<>();
            if (database != null) {
                environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
            }
            try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults(environment).withDataDir(folder)
                    .withFreePorts())) {
                System.out.printf("database: %s%n", database == null ? "embedded PostgreSQL"
                        : database.citus() ? "Citus, a schema of its own" : "PostgreSQL, a schema of its own");
                measure(stack, senders, rate, floodRate, seconds, floodAt, warmup);
            }
        } finally {
            FileSystemUtils.deleteRecursively(folder.toFile());
        }
    }

    private static void measure(LocalStack stack, int senders, double rate, double floodRate, int seconds,
            int floodAt, int warmup) throws Exception {
        FloodTraffic traffic = new FloodTraffic(stack.url("api-gateway"));
        long registering = System.nanoTime();
        List<FloodTraffic.User> normal = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            normal.add(traffic.register("Norma", "normal-secret-" + i));
        }
        FloodTraffic.User flooder = traffic.register("Flood", "flood-secret-1");
        FloodTraffic.User victim = traffic.register("Vika", "vika-secret-1");
        System.out.printf("registered %d users in %.1f s%n", senders + 2, (System.nanoTime() - registering) / 1e9);
        long cpuStart = processCpuNanos();
        try (Connection c = connect(stack.jdbcUrl()); Connection watchConnection = connect(stack.jdbcUrl());
                WriterScrape writer = new WriterScrape(stack.url("message-writer"), 250);
                StoredWatch watch = new StoredWatch(watchConnection, 100)) {
            long start = System.currentTimeMillis() + 1000;
            long end = start + seconds * 1000L;
            Thread progress = progress(stack.jdbcUrl(), flooder.id(), watch, traffic, writer);
            traffic.run(normal, flooder, victim, rate, floodRate, start, start + floodAt * 1000L, end,
                    watch::accepted);
            System.out.printf("traffic ended; load average %s; waiting for the last answers and rows%n",
                    loadAverage());
            long deadline = System.currentTimeMillis() + 120_000;
            while ((traffic.normalInFlight.get() > 0 || watch.pending() > 0)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200); // a benchmark's own wait for its stream to drain, bounded above
            }
            progress.interrupt();
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            report(c, new ArrayList<>(traffic.normalSends), traffic, writer, watch, flooder.id(), start + warmup * 1000L,
                    end, normal, cpuSeconds);
            System.out.printf("%nsettings: %d normal senders, %.0f msgs/s in all (%.1f per sender per 10 s), flooder "
                    + "%.0f msgs/s from %d s, %d s of traffic, first %d s not counted; stored-watch every 100 ms (%s)%n",
                    senders, rate, rate / senders * 10, floodRate, floodAt, seconds, warmup, watch.queryStats());
        }
    }

    private static void report(Connection c, List<FloodSend> sends, FloodTraffic traffic, WriterScrape writer,
            StoredWatch watch, long flooder, long warmEnd, long end, List<FloodTraffic.User> normal,
            double cpuSeconds) throws Exception {
        Long flagged = null;
        Long started = null;
        Long finished = null;
        String job = "no flag";
        try (PreparedStatement q = c.prepareStatement(JOB)) {
            q.setLong(1, flooder);
            ResultSet rs = q.executeQuery();
            if (rs.next()) {
                flagged = millis(rs.getTimestamp(1));
                started = millis(rs.getTimestamp(4)) != null ? millis(rs.getTimestamp(4)) : millis(rs.getTimestamp(3));
                finished = millis(rs.getTimestamp(5));
                job = "%s after %s attempt(s)%s; it ran %s; writes blocked: %s; outcome: %s".formatted(
                        rs.getString(2), rs.getInt(6),
                        rs.getString(7) == null ? "" : " (last error: " + rs.getString(7) + ")",
                        finished == null || started == null ? "unfinished"
                                : "%.1f s".formatted((finished - started) / 1000.0),
                        rs.getObject(9), rs.getString(8));
            }
        }
        List<FloodSend> accepted = sends.stream().filter(s -> s.status == 200).toList();
        long refused = sends.size() - accepted.size();
        long[] lostAndDuplicated = lostAndDuplicated(c, accepted, normal);
        WriterScrape.Sample last = writer.sample();
        System.out.printf("%nisolation job: %s%n", job);
        System.out.printf("load average at the end: %s; CPU of the benchmark's JVM (gateway, writer, detector, Kafka"
                + " and the load) during the traffic: %.0f s%n", loadAverage(), cpuSeconds);
        System.out.printf("%n%s%n", FloodPhases.header());
        for (FloodPhases.Phase phase : FloodPhases.of(warmEnd, flagged, started, finished, end)) {
            System.out.println(FloodPhases.row(phase, sends, writer));
        }
        System.out.printf("%n| normal sends | answered 200 | other answers | stored exactly once | lost | stored twice"
                + " | failed batches (whole run) | split transactions | dead-lettered |%n|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %,d | %,d | %,d | %,d | %,d | %,d | %.0f | %.0f | %.0f |%n", sends.size(),
                accepted.size(), refused, accepted.size() - lostAndDuplicated[0] - lostAndDuplicated[1],
                lostAndDuplicated[0], lostAndDuplicated[1], last.failedBatches(), last.splitTransactions(),
                last.deadLettered());
        System.out.printf("flooder: %,d answered 200, %,d answered 429, %,d other%n", traffic.flooderOk.get(),
                traffic.flooderThrottled.get(), traffic.flooderOther.get());
    }

    /** How many accepted sends are not in {@code messages}, and how many are there more than once. */
    private static long[] lostAndDuplicated(Connection c, List<FloodSend> accepted, List<FloodTraffic.User> normal)
            throws SQLException {
        Map<java.util.UUID, Long> found = new HashMap<>();
        Object[] senders = normal.stream().map(FloodTraffic.User::id).toArray();
        for (int from = 0; from < accepted.size(); from += 5000) {
            Object[] ids = accepted.subList(from, Math.min(accepted.size(), from + 5000)).stream().map(s -> s.id)
                    .toArray();
            try (PreparedStatement q = c.prepareStatement(COUNT_STORED)) {
                q.setArray(1, c.createArrayOf("bigint", senders));
                q.setArray(2, c.createArrayOf("uuid", ids));
                ResultSet rs = q.executeQuery();
                while (rs.next()) {
                    found.put(rs.getObject(1, java.util.UUID.class), rs.getLong(2));
                }
            }
        }
        long lost = accepted.stream().filter(s -> !found.containsKey(s.id)).count();
        long twice = found.values().stream().filter(n -> n > 1).count();
        return new long[] {lost, twice};
    }

    /** Prints every 5 s what the run is doing: the job's state, sends in flight and not yet stored, the load. */
    private static Thread progress(String jdbcUrl, long flooder, StoredWatch watch, FloodTraffic traffic,
            WriterScrape writer) {
        long begin = System.currentTimeMillis();
        Thread thread = new Thread(() -> {
            try (Connection own = connect(jdbcUrl)) {
                while (true) {
                    Thread.sleep(5000); // the report's cadence
                    String state = "none";
                    try (ResultSet rs = own.createStatement().executeQuery(
                            "SELECT state FROM isolation_jobs WHERE sender_id = " + flooder)) {
                        if (rs.next()) {
                            state = rs.getString(1);
                        }
                    }
                    System.out.printf("  %3.0f s: job %s, normal in flight %d, accepted not yet stored %d, "
                            + "writer rows %.0f, load %s%n", (System.currentTimeMillis() - begin) / 1000.0, state,
                            traffic.normalInFlight.get(), watch.pending(), writer.at(Long.MAX_VALUE).stored(),
                            loadAverage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                System.err.println("progress report stopped: " + e);
            }
        }, "flood-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Connection connect(String url) throws SQLException {
        return url.contains("user=") ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, PostgresServer.USER, "");
    }

    private static Long millis(Timestamp t) {
        return t == null ? null : t.getTime();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
