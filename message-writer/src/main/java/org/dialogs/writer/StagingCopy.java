package org.dialogs.writer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

import javax.sql.DataSource;

import org.dialogs.schemas.SendMessage;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Copies a poll's messages into the two staging tables with {@code COPY ... FROM STDIN} (CSV), on the connection
 * of the transaction in progress. On Citus a COPY into a distributed table goes straight to the shards.
 */
class StagingCopy {

    static final String COPY_BY_SENDER = """
            COPY staged_by_sender (sender_id, id, recipient_id, text, sent_at, idempotency_key)
            FROM STDIN (FORMAT csv)""";

    static final String COPY_BY_RECIPIENT = """
            COPY staged_by_recipient (recipient_id, id, sender_id, text, sent_at)
            FROM STDIN (FORMAT csv)""";

    private final DataSource dataSource;

    StagingCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void stage(Collection<SendMessage> events) {
        StringBuilder bySender = new StringBuilder(events.size() * 96);
        StringBuilder byRecipient = new StringBuilder(events.size() * 96);
        for (SendMessage e : events) {
            String text = quoted(e.getText());
            String sentAt = Instant.ofEpochMilli(e.getSentAt().toEpochMilli()).toString();
            bySender.append(e.getSenderId()).append(',').append(e.getMessageId()).append(',')
                    .append(e.getRecipientId()).append(',').append(text).append(',').append(sentAt).append(',');
            if (e.getIdempotencyKey() != null) {
                // an unquoted empty field is NULL in CSV; a quoted one is the empty string
                bySender.append(quoted(e.getIdempotencyKey()));
            }
            bySender.append('\n');
            byRecipient.append(e.getRecipientId()).append(',').append(e.getMessageId()).append(',')
                    .append(e.getSenderId()).append(',').append(text).append(',').append(sentAt).append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            copy(pg, COPY_BY_SENDER, bySender);
            copy(pg, COPY_BY_RECIPIENT, byRecipient);
        } catch (SQLException e) {
            // the SQLException stays the cause: DatabaseRefusal tells a refused row from a failing database by it
            throw new UncategorizedSQLException("COPY into staging", COPY_BY_SENDER, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void copy(PGConnection pg, String sql, CharSequence rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = pg.getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
