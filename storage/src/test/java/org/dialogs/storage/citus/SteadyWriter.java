package org.dialogs.storage.citus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

/**
 * Threads that keep writing as the message-writer does, until closed: each, for each sender in turn, one
 * transaction with a message and (unless only inserting) an upsert of the sender's dialog row, which updates it
 * after the first, raising its unread count. It counts the writes that committed and those that failed, and the
 * longest a write took (a stall: how long writes waited, e.g. behind a blocking shard copy).
 */
final class SteadyWriter implements AutoCloseable {

    private static final String INSERT_MESSAGE = """
            INSERT INTO messages (id, sender_id, recipient_id, text, sent_at) VALUES (?, ?, ?, 'steady', ?)
            """;

    private static final String UPSERT_DIALOG = """
            INSERT INTO user_dialogs (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at,
                                      unread_count)
            VALUES (?, ?, ?, ?, 'steady', ?, 1)
            ON CONFLICT (owner_id, peer_id) DO UPDATE SET unread_count = user_dialogs.unread_count + 1
            """;

    private final DataSource dataSource;
    private final boolean updatesDialogRows;
    private final long[] senders;
    private final Map<Long, AtomicLong> written = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong longestWriteNanos = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    private SteadyWriter(DataSource dataSource, boolean updatesDialogRows, int threads, long... senders) {
        this.dataSource = dataSource;
        this.updatesDialogRows = updatesDialogRows;
        this.senders = senders;
        for (long sender : senders) {
            written.put(sender, new AtomicLong());
        }
        for (int t = 0; t < threads; t++) {
            int first = t;
            this.threads.add(new Thread(() -> run(first), "steady-writer-" + t));
        }
    }

    /** Writes messages and dialog rows, as the message-writer does, on one thread. */
    static SteadyWriter start(DataSource dataSource, long... senders) {
        return startConcurrent(dataSource, 1, senders);
    }

    /**
     * Writes messages and dialog rows on {@code threads} connections at once, each starting at another sender, so
     * that transactions upserting the same shard's rows overlap.
     */
    static SteadyWriter startConcurrent(DataSource dataSource, int threads, long... senders) {
        SteadyWriter writer = new SteadyWriter(dataSource, true, threads, senders);
        writer.threads.forEach(Thread::start);
        return writer;
    }

    /** Writes messages only: inserts, never an update. */
    static SteadyWriter startInsertingOnly(DataSource dataSource, long... senders) {
        SteadyWriter writer = new SteadyWriter(dataSource, false, 1, senders);
        writer.threads.forEach(Thread::start);
        return writer;
    }

    /** The longest time one write took from its first statement to its commit (or failure). */
    Duration longestWrite() {
        return Duration.ofNanos(longestWriteNanos.get());
    }

    /** Forgets the longest write so far: the next {@link #longestWrite()} covers the writes from now on. */
    void resetLongestWrite() {
        longestWriteNanos.set(0);
    }

    long total() {
        return total.get();
    }

    long writtenBy(long sender) {
        return written.get(sender).get();
    }

    List<String> failures() {
        return failures;
    }

    /** Waits until {@code count} writes in all have committed. */
    void awaitTotal(long count) {
        Awaitility.await("steady writes").atMost(Duration.ofMinutes(2)).until(() -> total() >= count || !alive());
    }

    /** Waits until {@code count} writes of {@code sender} have committed. */
    void awaitWrittenBy(long sender, long count) {
        Awaitility.await("steady writes of " + sender).atMost(Duration.ofMinutes(2))
                .until(() -> writtenBy(sender) >= count || !alive());
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private boolean alive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    private void run(long first) {
        long n = first;
        while (!stopped) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                while (!stopped) {
                    long sender = senders[(int) (n++ % senders.length)];
                    long start = System.nanoTime();
                    try {
                        write(c, sender);
                    } finally {
                        longestWriteNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                    written.get(sender).incrementAndGet();
                    total.incrementAndGet();
                }
            } catch (SQLException e) {
                // the write rolled back (the connection closes); counted, then the next one on a new connection
                failures.add(e.toString());
            }
        }
    }

    private void write(Connection c, long sender) throws SQLException {
        long recipient = sender + 1_000_000;
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement message = c.prepareStatement(INSERT_MESSAGE);
             PreparedStatement dialog = c.prepareStatement(UPSERT_DIALOG)) {
            message.setObject(1, id);
            message.setLong(2, sender);
            message.setLong(3, recipient);
            message.setTimestamp(4, now);
            message.executeUpdate();
            if (updatesDialogRows) {
                dialog.setLong(1, sender);
                dialog.setLong(2, recipient);
                dialog.setObject(3, id);
                dialog.setLong(4, sender);
                dialog.setTimestamp(5, now);
                dialog.executeUpdate();
            }
            c.commit();
        }
    }
}
