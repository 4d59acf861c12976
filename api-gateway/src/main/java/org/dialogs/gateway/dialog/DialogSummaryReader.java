package org.dialogs.gateway.dialog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a user's conversations, newest first, from their own dialog rows: one shard on Citus. */
@Repository
class DialogSummaryReader {

    static final String NEWEST_FIRST = """
            SELECT peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count
              FROM user_dialogs
             WHERE owner_id = :owner
               AND (last_sent_at, peer_id) < (:beforeSentAt, :beforePeer)
             ORDER BY last_sent_at DESC, peer_id DESC
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    DialogSummaryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code limit} conversations of {@code owner} with the latest last messages before the given point. */
    List<DialogSummary> before(long owner, Instant lastSentAt, long peer, int limit) {
        return jdbc.sql(NEWEST_FIRST)
                .param("owner", owner)
                .param("beforeSentAt", Timestamp.from(lastSentAt))
                .param("beforePeer", peer)
                .param("limit", limit)
                .query((rs, row) -> summary(owner, rs))
                .list();
    }

    private static DialogSummary summary(long owner, ResultSet rs) throws SQLException {
        long peer = rs.getLong("peer_id");
        long sender = rs.getLong("last_sender_id");
        long recipient = sender == owner ? peer : owner;
        DialogSummary.LastMessage last = new DialogSummary.LastMessage(rs.getString("last_message_id"),
                Long.toString(sender), Long.toString(recipient), rs.getString("last_text"),
                rs.getTimestamp("last_sent_at").toInstant());
        return new DialogSummary(Long.toString(peer), last, rs.getInt("unread_count"));
    }
}
