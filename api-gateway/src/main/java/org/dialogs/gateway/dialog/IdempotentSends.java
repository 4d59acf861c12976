package org.dialogs.gateway.dialog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dialogs.gateway.http.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives a retried send (same sender, same {@code Idempotency-Key}) the id of the first one, so the client gets
 * the same answer and the writer stores one message: from the database once stored, from memory before that.
 */
@Component
class IdempotentSends {

    private static final int MAX_REMEMBERED = 100_000;

    /** A send made with a key: its id, and what it said, to refuse the key for a different message. */
    record KeyedSend(UUID id, long recipient, String text) {
    }

    private final Map<List<Object>, KeyedSend> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, KeyedSend> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final JdbcClient jdbc;

    IdempotentSends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The send this key already stands for, if any; a 409 if it stood for a different message. */
    Optional<KeyedSend> earlier(long sender, String key, long recipient, String text) {
        Optional<KeyedSend> earlier = stored(sender, key);
        if (earlier.isEmpty()) {
            synchronized (recent) {
                earlier = Optional.ofNullable(recent.get(List.of(sender, key)));
            }
        }
        earlier.filter(send -> send.recipient() != recipient || !send.text().equals(text)).ifPresent(send -> {
            throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key '" + key
                    + "' was already used for a different message (" + send.id() + "); use a new key");
        });
        return earlier;
    }

    void remember(long sender, String key, KeyedSend send) {
        synchronized (recent) {
            recent.put(List.of(sender, key), send);
        }
    }

    private Optional<KeyedSend> stored(long sender, String key) {
        return jdbc.sql("""
                        SELECT id, recipient_id, text FROM messages
                         WHERE sender_id = :sender AND idempotency_key = :key
                        """)
                .param("sender", sender)
                .param("key", key)
                .query((rs, row) -> new KeyedSend(rs.getObject("id", UUID.class), rs.getLong("recipient_id"),
                        rs.getString("text")))
                .optional();
    }
}
