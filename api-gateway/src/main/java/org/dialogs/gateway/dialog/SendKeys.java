package org.dialogs.gateway.dialog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.dialogs.gateway.http.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the decision for a send with an {@code Idempotency-Key}: the first send reserves the key for its message
 * id, in the database that every gateway shares, and any retry, through any gateway, gets that id back (and
 * publishes that same message again, which the writer stores once). One round trip; a key reused for another
 * message is a 409.
 */
@Repository
class SendKeys {

    static final String RESERVE = """
            WITH reserved AS (
                INSERT INTO send_keys (sender_id, idempotency_key, message_id, recipient_id, text_sha256)
                VALUES (:sender, :key, :id, :recipient, :digest)
                ON CONFLICT (sender_id, idempotency_key) DO NOTHING
                RETURNING message_id, recipient_id, text_sha256)
            SELECT message_id, recipient_id, text_sha256 FROM reserved
            UNION ALL
            SELECT message_id, recipient_id, text_sha256 FROM send_keys
             WHERE sender_id = :sender AND idempotency_key = :key
            LIMIT 1
            """;

    private record Reservation(UUID id, long recipient, byte[] digest) {
    }

    private final JdbcClient jdbc;

    SendKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the message this key stands for: {@code id} if the key is new, else the first send's. */
    UUID reserve(long sender, String key, UUID id, long recipient, String text) {
        byte[] digest = sha256(text);
        Reservation first = attempt(sender, key, id, recipient, digest)
                // a concurrent first send committed after this statement's snapshot: now it is visible
                .or(() -> attempt(sender, key, id, recipient, digest))
                .orElseThrow(() -> new IllegalStateException("idempotency key neither reserved nor found"));
        if (first.recipient() != recipient || !Arrays.equals(first.digest(), digest)) {
            throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key '" + key
                    + "' was already used for a different message (" + first.id() + "); use a new key");
        }
        return first.id();
    }

    private Optional<Reservation> attempt(long sender, String key, UUID id, long recipient, byte[] digest) {
        return jdbc.sql(RESERVE).param("sender", sender).param("key", key).param("id", id)
                .param("recipient", recipient).param("digest", digest)
                .query((rs, row) -> new Reservation(rs.getObject("message_id", UUID.class), rs.getLong("recipient_id"),
                        rs.getBytes("text_sha256")))
                .optional();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
