package org.dialogs.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches {@code messages} for the accepted normal sends by id, every {@code intervalMillis}: a send is marked
 * stored at the end of the first query that sees it (an upper bound on its commit time, late by at most one
 * interval plus one query), and its {@code sent_at} is read from the row.
 */
final class StoredWatch implements AutoCloseable {

    static final String STORED = """
            SELECT id, sent_at FROM messages WHERE sender_id = ANY (?) AND id = ANY (?)
            """;
    private static final int MAX_PER_QUERY = 5000;

    private final Queue<FloodSend> accepted = new ConcurrentLinkedQueue<>();
    private final Map<UUID, FloodSend> pending = new LinkedHashMap<>();
    private final Connection connection;
    private final long intervalMillis;
    private final Thread thread;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong queryNanos = new AtomicLong();
    private final AtomicLong maxQueryNanos = new AtomicLong();
    private volatile boolean running = true;

    StoredWatch(Connection connection, long intervalMillis) {
        this.connection = connection;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "stored-watch");
        thread.setDaemon(true);
        thread.start();
    }

    void accepted(FloodSend send) {
        accepted.add(send);
        pendingCount.incrementAndGet();
    }

    /** Accepted sends not yet seen in {@code messages}. */
    int pending() {
        return pendingCount.get();
    }

    String queryStats() {
        long n = Math.max(1, queries.get());
        return "%d queries, mean %.1f ms, max %.0f ms".formatted(queries.get(), queryNanos.get() / 1e6 / n,
                maxQueryNanos.get() / 1e6);
    }

    private void loop() {
        while (running) {
            long start = System.currentTimeMillis();
            try {
                pollOnce();
            } catch (SQLException e) {
                System.err.println("stored-watch query failed (retrying): " + e);
            }
            long wait = intervalMillis - (System.currentTimeMillis() - start);
            if (wait > 0) {
                try {
                    Thread.sleep(wait); // the watch's own cadence, not a test waiting for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void pollOnce() throws SQLException {
        for (FloodSend s = accepted.poll(); s != null; s = accepted.poll()) {
            pending.put(s.id, s);
        }
        if (pending.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        Map<Long, Boolean> senders = new HashMap<>();
        for (FloodSend s : pending.values()) {
            ids.add(s.id);
            senders.put(s.sender, true);
            if (ids.size() == MAX_PER_QUERY) {
                break;
            }
        }
        long began = System.nanoTime();
        try (PreparedStatement query = connection.prepareStatement(STORED)) {
            Array senderArray = connection.createArrayOf("bigint", senders.keySet().toArray());
            Array idArray = connection.createArrayOf("uuid", ids.toArray());
            query.setArray(1, senderArray);
            query.setArray(2, idArray);
            try (ResultSet rs = query.executeQuery()) {
                long seen = System.currentTimeMillis();
                while (rs.next()) {
                    FloodSend s = pending.remove(rs.getObject(1, UUID.class));
                    if (s != null) {
                        s.sentAtMillis = rs.getTimestamp(2).getTime();
                        s.storedMillis = seen;
                        pendingCount.decrementAndGet();
                    }
                }
            }
        }
        long took = System.nanoTime() - began;
        queries.incrementAndGet();
        queryNanos.addAndGet(took);
        maxQueryNanos.accumulateAndGet(took, Math::max);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
