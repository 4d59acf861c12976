package org.dialogs.gateway.dialog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a conversation as two single-direction queries, each on the sender's shard (never a scan of all
 * shards on Citus), merged in order.
 */
@Repository
class ConversationReader {

    private static final String ONE_DIRECTION = """
            SELECT id, sender_id, recipient_id, text, sent_at, read_at
              FROM messages
             WHERE sender_id = :sender AND recipient_id = :recipient
             ORDER BY sent_at DESC, id DESC
             LIMIT :limit
            """;

    // ids compare as text: the order PostgreSQL gives uuids (unsigned, byte by byte)
    private static final Comparator<DialogMessage> CHRONOLOGICAL =
            Comparator.comparing(DialogMessage::sentAt).thenComparing(DialogMessage::id);

    private final JdbcClient jdbc;

    ConversationReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@code limit} messages between {@code caller} and {@code peer}, oldest first. */
    List<DialogMessage> latest(long caller, long peer, int limit) {
        List<DialogMessage> both = new ArrayList<>(direction(caller, peer, limit));
        if (caller != peer) {
            both.addAll(direction(peer, caller, limit));
        }
        both.sort(CHRONOLOGICAL.reversed());
        List<DialogMessage> newest = new ArrayList<>(both.subList(0, Math.min(limit, both.size())));
        newest.sort(CHRONOLOGICAL);
        return newest;
    }

    private List<DialogMessage> direction(long sender, long recipient, int limit) {
        return jdbc.sql(ONE_DIRECTION)
                .param("sender", sender)
                .param("recipient", recipient)
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
