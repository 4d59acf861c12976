package org.dialogs.gateway.dialog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks the messages one peer sent to a user as read and lowers that user's unread count by as many. The count
 * is decremented, never recomputed, so a message the writer stores meanwhile is counted exactly once.
 */
@Repository
class ReadMarker {

    private final JdbcClient jdbc;

    ReadMarker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When message {@code id} was sent, if {@code sender} sent it to {@code recipient}. */
    Optional<Instant> sentAt(long sender, long recipient, UUID id) {
        return jdbc.sql("""
                        SELECT sent_at FROM messages
                         WHERE sender_id = :sender AND id = :id AND recipient_id = :recipient
                        """)
                .param("sender", sender)
                .param("id", id)
                .param("recipient", recipient)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** Marks what {@code peer} sent {@code reader} up to ({@code sentAt}, {@code id}) as read at {@code now}. */
    @Transactional
    ReadReceipt markRead(long reader, long peer, Instant sentAt, UUID id, Instant now) {
        int marked = jdbc.sql("""
                        UPDATE messages SET read_at = :now
                         WHERE sender_id = :peer AND recipient_id = :reader AND read_at IS NULL
                           AND (sent_at, id) <= (:sentAt, :id)
                        """)
                .param("now", Timestamp.from(now))
                .param("peer", peer)
                .param("reader", reader)
                .param("sentAt", Timestamp.from(sentAt))
                .param("id", id)
                .update();
        int unread = jdbc.sql("""
                        UPDATE user_dialogs SET unread_count = greatest(unread_count - :marked, 0)
                         WHERE owner_id = :reader AND peer_id = :peer
                        RETURNING unread_count
                        """)
                .param("marked", marked)
                .param("reader", reader)
                .param("peer", peer)
                .query(Integer.class)
                .optional()
                .orElse(0);
        return new ReadReceipt(marked, unread);
    }
}
