package org.dialogs.gateway.dialog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dialogs.gateway.ApiGatewayProperties;
import org.springframework.stereotype.Component;

/**
 * Remembers the newest message this gateway acknowledged per direction of each conversation, per sender and per
 * recipient, so that a read right after a send waits (boundedly) until the writer has stored it.
 */
@Component
class ReadYourWrites {

    private static final int MAX_REMEMBERED = 300_000;
    private static final long POLL_MILLIS = 5;
    private static final long ANYONE = 0;

    /** A published message: what is needed to find it on its sender's shard. */
    private record Sent(long sender, UUID id) {
    }

    // keys (sender, recipient), (sender, ANYONE) and (ANYONE, recipient); access order, oldest dropped
    private final Map<List<Long>, Sent> pending = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, Sent> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final StoredMessages stored;
    private final ApiGatewayProperties properties;
    private final Clock clock;

    ReadYourWrites(StoredMessages stored, ApiGatewayProperties properties, Clock clock) {
        this.stored = stored;
        this.properties = properties;
        this.clock = clock;
    }

    void published(long sender, long recipient, UUID messageId) {
        Sent sent = new Sent(sender, messageId);
        synchronized (pending) {
            pending.put(List.of(sender, recipient), sent);
            pending.put(List.of(sender, ANYONE), sent);
            pending.put(List.of(ANYONE, recipient), sent);
        }
    }

    /**
     * Waits until the newest message of each direction between {@code caller} and {@code peer} that this gateway
     * acknowledged is stored; false if the wait bound passed first.
     */
    boolean awaitConversation(long caller, long peer) {
        Instant deadline = clock.instant().plus(properties.readYourWritesWait());
        return awaitStored(List.of(caller, peer), deadline) & awaitStored(List.of(peer, caller), deadline);
    }

    /**
     * Waits until the newest message {@code user} sent, and the newest sent to them, that this gateway
     * acknowledged are stored; false if the wait bound passed first.
     */
    boolean awaitUser(long user) {
        Instant deadline = clock.instant().plus(properties.readYourWritesWait());
        return awaitStored(List.of(user, ANYONE), deadline) & awaitStored(List.of(ANYONE, user), deadline);
    }

    private boolean awaitStored(List<Long> key, Instant deadline) {
        Sent sent;
        synchronized (pending) {
            sent = pending.get(key);
        }
        if (sent == null) {
            return true;
        }
        while (!stored.contains(sent.sender(), sent.id())) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            pause();
        }
        synchronized (pending) {
            pending.remove(key, sent);
        }
        return true;
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
