package org.dialogs.storage.citus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

/**
 * A thread that keeps writing as the message-writer does, until closed: for each sender in turn, one transaction
 * with a message and (unless only inserting) an upsert of the sender's dialog row, which updates it after the first.
 * It counts the writes that committed and those that failed.
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
    private final Thread thread;
    private volatile boolean stopped;

    private SteadyWriter(DataSource dataSource, boolean updatesDialogRows, long... senders) {
        this.dataSource = dataSource;
        this.updatesDialogRows = updatesDialogRows;
        this.senders = senders;
        for (long sender : senders) {
            written.put(sender, new AtomicLong());
        }
        this.thread = new Thread(this::run, "steady-writer");
    }

    /** Writes messages and dialog rows, as the message-writer does. */
    static SteadyWriter start(DataSource dataSource, long... senders) {
        SteadyWriter writer = new SteadyWriter(dataSource, true, senders);
        writer.thread.start();
        return writer;
    }

    /** Writes messages only: inserts, never an update. */
    static SteadyWriter startInsertingOnly(DataSource dataSource, long... senders) {
        SteadyWriter writer = new SteadyWriter(dataSource, false, senders);
        writer.thread.start();
        return writer;
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
        Awaitility.await("steady writes").atMost(Duration.ofMinutes(2)).until(() -> total() >= count || !thread.isAlive());
    }

    /** Waits until {@code count} writes of {@code sender} have committed. */
    void awaitWrittenBy(long sender, long count) {
        Awaitility.await("steady writes of " + sender).atMost(Duration.ofMinutes(2))
                .until(() -> writtenBy(sender) >= count || !thread.isAlive());
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }

    private void run() {
        long n = 0;
        while (!stopped) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                while (!stopped) {
                    long sender = senders[(int) (n++ % senders.length)];
                    write(c, sender);
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
