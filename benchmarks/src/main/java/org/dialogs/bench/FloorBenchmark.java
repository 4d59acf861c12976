package org.dialogs.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.dialogs.writer.DialogRowConflict;
import org.postgresql.PGConnection;
import org.springframework.util.FileSystemUtils;

/**
 * The database's least work for the writer's rows, per schema candidate (docs/benchmarks.md, "A lower floor"): the
 * same rows go in the writer's batches, set-based (staged by sender and by recipient, then one statement per table
 * and side, as the staged form runs them), into today's tables and into candidates that keep fewer index entries,
 * the candidates alternated round by round; then each candidate's read cost, a conversation page and a dialog list.
 * The baseline of the same run is one COPY of the same rows into a table like today's {@code messages}.
 */
final class FloorBenchmark {

    private FloorBenchmark() {
    }

    /** A candidate schema: the DDL of its two tables, named {@code fm} (messages) and {@code fd} (dialog rows). */
    record Candidate(String name, String messages, String dialogs, String conversationPage, String dialogList) {
    }

    static final String TODAY_MESSAGES = """
            CREATE TABLE fm (sender_id bigint NOT NULL, id uuid NOT NULL, recipient_id bigint NOT NULL,
                             text text NOT NULL, sent_at timestamptz NOT NULL, idempotency_key text,
                             stored_at timestamptz NOT NULL DEFAULT now(), read_at timestamptz,
                             PRIMARY KEY (sender_id, id));
            CREATE UNIQUE INDEX ON fm (sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
            CREATE INDEX ON fm (sender_id, recipient_id, sent_at, id)""";

    /** One key serves idempotency and the conversation's order: the id is a UUIDv7 whose time is sent_at. */
    static final String ONE_KEY_MESSAGES = """
            CREATE TABLE fm (sender_id bigint NOT NULL, id uuid NOT NULL, recipient_id bigint NOT NULL,
                             text text NOT NULL, sent_at timestamptz NOT NULL, idempotency_key text,
                             stored_at timestamptz NOT NULL DEFAULT now(), read_at timestamptz,
                             PRIMARY KEY (sender_id, recipient_id, id));
            CREATE UNIQUE INDEX ON fm (sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL""";

    /** One key with the time in it: the conversation's order without UUIDv7 ids whose time is sent_at. */
    static final String TIMED_KEY_MESSAGES = """
            CREATE TABLE fm (sender_id bigint NOT NULL, id uuid NOT NULL, recipient_id bigint NOT NULL,
                             text text NOT NULL, sent_at timestamptz NOT NULL, idempotency_key text,
                             stored_at timestamptz NOT NULL DEFAULT now(), read_at timestamptz,
                             PRIMARY KEY (sender_id, recipient_id, sent_at, id));
            CREATE UNIQUE INDEX ON fm (sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL""";

    static final String TODAY_DIALOGS = """
            CREATE TABLE fd (owner_id bigint NOT NULL, peer_id bigint NOT NULL, last_message_id uuid NOT NULL,
                             last_sender_id bigint NOT NULL, last_text text NOT NULL,
                             last_sent_at timestamptz NOT NULL, unread_count integer NOT NULL DEFAULT 0,
                             PRIMARY KEY (owner_id, peer_id));
            CREATE INDEX ON fd (owner_id, last_sent_at DESC)""";

    /** No index on a column the upsert changes, and room on each page: the updates can be HOT. */
    static final String HOT_DIALOGS = """
            CREATE TABLE fd (owner_id bigint NOT NULL, peer_id bigint NOT NULL, last_message_id uuid NOT NULL,
                             last_sender_id bigint NOT NULL, last_text text NOT NULL,
                             last_sent_at timestamptz NOT NULL, unread_count integer NOT NULL DEFAULT 0,
                             PRIMARY KEY (owner_id, peer_id)) WITH (fillfactor = 70)""";

    static final String PAGE_BY_TIME = """
            SELECT id, text, sent_at FROM fm WHERE sender_id = ? AND recipient_id = ?
             ORDER BY sent_at DESC, id DESC LIMIT 50""";

    static final String PAGE_BY_ID = """
            SELECT id, text, sent_at FROM fm WHERE sender_id = ? AND recipient_id = ?
             ORDER BY id DESC LIMIT 50""";

    static final String DIALOG_LIST = """
            SELECT peer_id, last_text, last_sent_at, unread_count FROM fd WHERE owner_id = ?
             ORDER BY last_sent_at DESC, peer_id DESC LIMIT 20""";

    static final int HEAVY_DIALOGS = 20_000;

    static final String HEAVY_OWNER = """
            INSERT INTO fd (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count)
            SELECT 0, p, gen_random_uuid(), p, 'hello', timestamptz '2026-11-24' + p * interval '1 second', 1
              FROM generate_series(1, %d) AS p""".formatted(HEAVY_DIALOGS);

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("today", TODAY_MESSAGES, TODAY_DIALOGS, PAGE_BY_TIME, DIALOG_LIST),
            new Candidate("one message key", ONE_KEY_MESSAGES, TODAY_DIALOGS, PAGE_BY_ID, DIALOG_LIST),
            new Candidate("one key with the time", TIMED_KEY_MESSAGES, TODAY_DIALOGS, PAGE_BY_TIME, DIALOG_LIST),
            new Candidate("HOT dialog rows", TODAY_MESSAGES, HOT_DIALOGS, PAGE_BY_TIME, DIALOG_LIST),
            new Candidate("both", ONE_KEY_MESSAGES, HOT_DIALOGS, PAGE_BY_ID, DIALOG_LIST));

    static final String WRITER_SESSION =
            "SET citus.max_cached_conns_per_worker = 32; SET citus.max_adaptive_executor_pool_size = 1";

    static final String INSERT_MESSAGES = """
            INSERT INTO fm (id, sender_id, recipient_id, text, sent_at)
            SELECT id, sender_id, recipient_id, text, sent_at FROM floor_by_sender WHERE batch = ?
            ON CONFLICT DO NOTHING""";

    static final String SENDER_SIDE = """
            INSERT INTO fd AS d (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at,
                                 unread_count)
            SELECT DISTINCT ON (sender_id, recipient_id) sender_id, recipient_id, id, sender_id, text, sent_at, 0
              FROM floor_by_sender WHERE batch = ?
             ORDER BY sender_id, recipient_id, sent_at DESC, id DESC
            """ + DialogRowConflict.NEWER_WINS;

    static final String RECIPIENT_SIDE = """
            INSERT INTO fd AS d (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at,
                                 unread_count)
            SELECT DISTINCT ON (recipient_id, sender_id) recipient_id, sender_id, id, sender_id, text, sent_at,
                   count(*) OVER (PARTITION BY recipient_id, sender_id)
              FROM floor_by_recipient WHERE batch = ?
             ORDER BY recipient_id, sender_id, sent_at DESC, id DESC
            """ + DialogRowConflict.NEWER_WINS;

    static void run(BenchmarkOptions options) throws Exception {
        int events = options.integer("events", 200_000);
        int senders = options.integer("senders", 20_000);
        int peers = options.integer("peers", 5);
        int batch = options.integer("batch", 5_000);
        int rounds = options.integer("rounds", 3);
        int reads = options.integer("reads", 2_000);
        String existing = options.text("jdbc-url", "");
        System.out.printf("machine: %s%n", Machine.describe());
        Path folder = Files.createTempDirectory("dialogs-floor",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (BenchDatabase database = existing.isEmpty() ? BenchDatabase.embedded(folder.resolve("postgres"))
                : BenchDatabase.existing(existing)) {
            System.out.printf("database: %s; %,d rows from %,d senders to %d peers each, batches of %,d%n",
                    database.citus() ? "Citus, a schema of its own" : "PostgreSQL", events, senders, peers, batch);
            byte[] csv = csv(events, senders, peers, batch);
            double copySeconds = stage(database, csv);
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Candidate candidate : CANDIDATES) {
                    double[] r = measure(database, candidate, events, batch, senders, peers, reads);
                    System.out.printf("round %d %-16s write %.1f s, conversation page %.3f ms, dialog list %.3f ms,"
                            + " heavy owner's %.3f ms, HOT updates %.0f %%%n", round, candidate.name(), r[0], r[1],
                            r[2], r[3], r[4]);
                    results.computeIfAbsent(candidate.name(), k -> new ArrayList<>()).add(r);
                }
            }
            System.out.printf("%n| candidate | write, median of %d | rows/s | ratio to COPY | conversation page | "
                    + "dialog list | the list of an owner of %,d dialogs | HOT updates of dialog rows |%n"
                    + "|---|---|---|---|---|---|---|---|%n", rounds, HEAVY_DIALOGS);
            System.out.printf("| one COPY into today's messages (baseline) | %.1f s | %,.0f | 1.00 | | | | |%n",
                    copySeconds, events / copySeconds);
            for (var e : results.entrySet()) {
                double write = median(e.getValue(), 0);
                System.out.printf("| %s | %.1f s | %,.0f | %.2f | %.3f ms | %.3f ms | %.3f ms | %.0f %% |%n", e.getKey(),
                        write, events / write, copySeconds / write, median(e.getValue(), 1), median(e.getValue(), 2),
                        median(e.getValue(), 3), median(e.getValue(), 4));
            }
        } finally {
            FileSystemUtils.deleteRecursively(folder.toFile());
        }
    }

    /** Stages the rows by sender and by recipient; returns the seconds of the baseline COPY. */
    private static double stage(BenchDatabase database, byte[] csv) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("floor_by_sender", "floor_by_recipient", "floor_copy")) {
                s.execute("CREATE TABLE " + table + " (batch int NOT NULL, id uuid NOT NULL, sender_id bigint NOT NULL,"
                        + " recipient_id bigint NOT NULL, text text NOT NULL, sent_at timestamptz NOT NULL)");
            }
            s.execute("CREATE INDEX ON floor_by_sender (batch)");
            s.execute("CREATE INDEX ON floor_by_recipient (batch)");
            s.execute(TODAY_MESSAGES.replace("fm", "floor_baseline"));
            distribute(database, s, "floor_by_sender", "sender_id");
            distribute(database, s, "floor_by_recipient", "recipient_id");
            distribute(database, s, "floor_baseline", "sender_id");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            String columns = " (batch, id, sender_id, recipient_id, text, sent_at) FROM STDIN (FORMAT csv)";
            copy.copyIn("COPY floor_by_sender" + columns, new ByteArrayInputStream(csv));
            copy.copyIn("COPY floor_by_recipient" + columns, new ByteArrayInputStream(csv));
            s.execute("ANALYZE floor_by_sender");
            s.execute("ANALYZE floor_by_recipient");
            long start = System.nanoTime();
            // the baseline table has no batch column: COPY it the same rows without it
            copy.copyIn("COPY floor_baseline (id, sender_id, recipient_id, text, sent_at) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(withoutBatch(csv)));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** {write seconds, conversation page ms, dialog list ms} of one candidate, on fresh tables. */
    private static double[] measure(BenchDatabase database, Candidate candidate, int events, int batch, int senders,
            int peers, int reads) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS fm, fd");
            for (String ddl : (candidate.messages() + ";" + candidate.dialogs()).split(";")) {
                s.execute(ddl);
            }
            distribute(database, s, "fm", "sender_id");
            distribute(database, s, "fd", "owner_id");
            if (database.citus()) {
                // as the writer's connections (message-writer.yml)
                s.execute(WRITER_SESSION);
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement messages = c.prepareStatement(INSERT_MESSAGES);
                    PreparedStatement senderSide = c.prepareStatement(SENDER_SIDE);
                    PreparedStatement recipientSide = c.prepareStatement(RECIPIENT_SIDE)) {
                for (int b = 0; b * batch < events; b++) {
                    for (PreparedStatement p : List.of(messages, senderSide, recipientSide)) {
                        p.setInt(1, b);
                        p.executeUpdate();
                    }
                    c.commit();
                }
            }
            double write = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            s.execute("ANALYZE fm");
            s.execute("ANALYZE fd");
            check(s, events);
            Random random = new Random(7);
            double page = timeReads(c, candidate.conversationPage(), reads, () -> {
                long sender = 1 + random.nextInt(senders);
                return new long[] {sender, peerOf(sender, random.nextInt(peers), senders)};
            });
            double list = timeReads(c, candidate.dialogList(), reads, () -> new long[] {1 + random.nextInt(senders)});
            double hot = hotShare(database, s);
            // a heavy user: HEAVY_DIALOGS dialog rows of one owner, whose list must find its newest 20
            s.execute(HEAVY_OWNER);
            s.execute("ANALYZE fd");
            double heavy = timeReads(c, candidate.dialogList(), Math.max(reads / 10, 20), () -> new long[] {0});
            return new double[] {write, page, list, heavy, hot};
        }
    }

    /** The share of the dialog rows' updates that were HOT (on Citus: summed over the shards on the workers). */
    private static double hotShare(BenchDatabase database, Statement s) throws Exception {
        // the backends that made the updates report them when idle, at most once a second
        Thread.sleep(1500);
        String sql = database.citus() ? """
                SELECT sum(split_part(result, ',', 1)::bigint), sum(split_part(result, ',', 2)::bigint)
                  FROM run_command_on_shards('fd', $$SELECT n_tup_hot_upd || ',' || n_tup_upd
                                                       FROM pg_stat_user_tables WHERE relid = '%s'::regclass$$)"""
                : "SELECT n_tup_hot_upd, n_tup_upd FROM pg_stat_user_tables WHERE relid = 'fd'::regclass";
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(2) == 0 ? 0 : 100.0 * rs.getLong(1) / rs.getLong(2);
        }
    }

    private static void check(Statement s, int events) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM fm), (SELECT sum(unread_count) FROM fd)")) {
            rs.next();
            if (rs.getLong(1) != events || rs.getLong(2) != events) {
                throw new IllegalStateException("expected " + events + " messages and unread counts, found "
                        + rs.getLong(1) + " and " + rs.getLong(2));
            }
        }
    }

    /** Milliseconds per read, the mean over {@code count} reads after as many to warm up. */
    private static double timeReads(Connection c, String sql, int count, Supplier<long[]> params)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            long start = 0;
            for (int i = 0; i < 2 * count; i++) {
                if (i == count) {
                    start = System.nanoTime();
                }
                long[] values = params.get();
                for (int v = 0; v < values.length; v++) {
                    p.setLong(v + 1, values[v]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(2);
                    }
                }
            }
            return (System.nanoTime() - start) / 1e6 / count;
        }
    }

    private static void distribute(BenchDatabase database, Statement s, String table, String column)
            throws SQLException {
        if (database.citus()) {
            s.execute("SELECT create_distributed_table('" + table + "', '" + column + "', colocate_with => "
                    + (table.equals("floor_by_sender") ? "'none'" : "'floor_by_sender'") + ")");
        }
    }

    private static long peerOf(long sender, int nth, int senders) {
        return 1 + (sender + 1 + nth) % senders;
    }

    /**
     * Rows "batch,id,sender,recipient,text,sent_at" in sending order: senders uniformly, each to one of {@code peers}
     * peers, ids UUIDv7 whose time is sent_at (one millisecond apart), texts of 20 to 200 characters.
     */
    private static byte[] csv(int events, int senders, int peers, int batch) {
        Random random = new Random(42);
        long start = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        String alphabet = "Привет, как дела? Hello, how are you doing today? ".repeat(5);
        StringBuilder out = new StringBuilder(events * 200);
        for (int i = 0; i < events; i++) {
            long sender = 1 + random.nextInt(senders);
            long recipient = peerOf(sender, random.nextInt(peers), senders);
            long millis = start + i;
            UUID id = new UUID((millis << 16) | (0x7L << 12) | random.nextInt(4096),
                    (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
            int length = 20 + random.nextInt(181);
            int offset = random.nextInt(alphabet.length() - 200);
            out.append(i / batch).append(',').append(id).append(',').append(sender).append(',').append(recipient)
                    .append(",\"").append(alphabet, offset, offset + length).append("\",")
                    .append(Instant.ofEpochMilli(millis)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withoutBatch(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        StringBuilder out = new StringBuilder(csv.length);
        for (String line : lines) {
            out.append(line, line.indexOf(',') + 1, line.length()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }
}
