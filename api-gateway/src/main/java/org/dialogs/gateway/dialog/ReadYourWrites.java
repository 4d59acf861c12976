package org.dialogs.gateway.dialog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dialogs.gateway.ApiGatewayProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the newest message each sender published through this gateway to each peer, so that a list right
 * after a send waits (boundedly) until the writer has stored it: whoever lists a conversation sees every message
 * of it that this gateway acknowledged before, their own above all.
 */
@Component
class ReadYourWrites {

    private static final int MAX_REMEMBERED = 100_000;
    private static final long POLL_MILLIS = 10;

    private final Map<List<Long>, UUID> pending = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, UUID> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final JdbcClient jdbc;
    private final ApiGatewayProperties properties;
    private final Clock clock;

    ReadYourWrites(JdbcClient jdbc, ApiGatewayProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    void published(long sender, long recipient, UUID messageId) {
        synchronized (pending) {
            pending.put(List.of(sender, recipient), messageId);
        }
    }

    /**
     * Waits until the newest message of each direction between {@code caller} and {@code peer} that this gateway
     * acknowledged is stored; false if the wait bound passed first.
     */
    boolean awaitConversation(long caller, long peer) {
        Instant deadline = clock.instant().plus(properties.readYourWritesWait());
        return awaitStored(caller, peer, deadline) & awaitStored(peer, caller, deadline);
    }

    private boolean awaitStored(long sender, long recipient, Instant deadline) {
        List<Long> key = List.of(sender, recipient);
        UUID id;
        synchronized (pending) {
            id = pending.get(key);
        }
        if (id == null) {
            return true;
        }
        while (!stored(sender, id)) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            pause();
        }
        synchronized (pending) {
            pending.remove(key, id);
        }
        return true;
    }

    private boolean stored(long sender, UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM messages WHERE sender_id = :sender AND id = :id)")
                .param("sender", sender)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a write to be stored", e);
        }
    }
}
