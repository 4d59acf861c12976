package org.dialogs.gateway.dialog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a conversation as two single-direction queries, each on the sender's shard (never a scan of all
 * shards on Citus), merged in order.
 */
@Repository
class ConversationReader {

    static final String ONE_DIRECTION = """
            SELECT id, sender_id, recipient_id, text, sent_at, read_at
              FROM messages
             WHERE sender_id = :sender AND recipient_id = :recipient
               AND (sent_at, id) < (:beforeSentAt, :beforeId)
             ORDER BY sent_at DESC, id DESC
             LIMIT :limit
            """;

    /** Later than any message: the first page starts here. */
    static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    static final UUID LAST_ID = new UUID(-1L, -1L);

    // ids compare as text: the order PostgreSQL gives uuids (unsigned, byte by byte)
    private static final Comparator<DialogMessage> CHRONOLOGICAL =
            Comparator.comparing(DialogMessage::sentAt).thenComparing(DialogMessage::id);

    private final JdbcClient jdbc;

    ConversationReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest {@code limit} messages between {@code caller} and {@code peer} sent before ({@code sentAt},
     * {@code id}), oldest first.
     */
    List<DialogMessage> before(long caller, long peer, Instant sentAt, UUID id, int limit) {
        List<DialogMessage> both = new ArrayList<>(direction(caller, peer, sentAt, id, limit));
        both.addAll(direction(peer, caller, sentAt, id, limit));
        both.sort(CHRONOLOGICAL.reversed());
        List<DialogMessage> newest = new ArrayList<>(both.subList(0, Math.min(limit, both.size())));
        newest.sort(CHRONOLOGICAL);
        return newest;
    }

    private List<DialogMessage> direction(long sender, long recipient, Instant sentAt, UUID id, int limit) {
        return jdbc.sql(ONE_DIRECTION)
                .param("sender", sender)
                .param("recipient", recipient)
                .param("beforeSentAt", Timestamp.from(sentAt))
                .param("beforeId", id)
                .param("limit", limit)
                .query(ConversationReader::message)
                .list();
    }

    private static DialogMessage message(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new DialogMessage(rs.getString("id"), Long.toString(rs.getLong("sender_id")),
                Long.toString(rs.getLong("recipient_id")), rs.getString("text"),
                rs.getTimestamp("sent_at").toInstant(), readAt == null ? null : readAt.toInstant());
    }
}
