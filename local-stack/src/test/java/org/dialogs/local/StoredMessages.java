package org.dialogs.local;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the database holds of a set of acknowledged message ids: how often each is stored, and when. */
final class StoredMessages {

    private final String jdbcUrl;

    StoredMessages(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** How many rows each of {@code ids} has; ids without a row are missing from the map. */
    Map<String, Long> copies(List<String> ids) {
        Map<String, Long> copies = new HashMap<>();
        query("SELECT id::text, count(*) FROM messages WHERE id = ANY(?) GROUP BY id", ids,
                rs -> copies.put(rs.getString(1), rs.getLong(2)));
        return copies;
    }

    /** When the writer's transactions that stored {@code ids} began, in order. */
    List<Instant> storedAt(List<String> ids) {
        List<Instant> times = new ArrayList<>();
        query("SELECT stored_at FROM messages WHERE id = ANY(?) ORDER BY stored_at", ids,
                rs -> times.add(rs.getTimestamp(1).toInstant()));
        return times;
    }

    /** How many messages {@code senders} sent at or after {@code since} are stored, whatever their ids. */
    long sentSince(List<String> senders, Instant since) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            PreparedStatement statement = c.prepareStatement(
                    "SELECT count(*) FROM messages WHERE sender_id = ANY(?) AND sent_at >= ?");
            statement.setArray(1, c.createArrayOf("bigint", senders.stream().map(Long::valueOf).toArray()));
            statement.setTimestamp(2, java.sql.Timestamp.from(since));
            ResultSet rs = statement.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<String> ids, Row row) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            Array array = c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
            PreparedStatement statement = c.prepareStatement(sql);
            statement.setArray(1, array);
            ResultSet rs = statement.executeQuery();
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
