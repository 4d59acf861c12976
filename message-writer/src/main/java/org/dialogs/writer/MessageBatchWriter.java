package org.dialogs.writer;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.dialogs.schemas.SendMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch writer for plain PostgreSQL: the whole poll as arrays in two statements, the messages that are new,
 * then the dialog rows of both sides computed here. On Citus both statements are pulled to the coordinator, which
 * is why Citus gets {@link StagedBatchWriter}.
 */
class MessageBatchWriter implements BatchWriter {

    static final String INSERT_MESSAGES = """
            INSERT INTO messages (id, sender_id, recipient_id, text, sent_at, idempotency_key)
            SELECT m.id, m.sender_id, m.recipient_id, m.text,
                   timestamptz 'epoch' + m.sent_at_ms * interval '1 millisecond', m.idempotency_key
              FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                   AS m(id, sender_id, recipient_id, text, sent_at_ms, idempotency_key)
            ON CONFLICT DO NOTHING
            RETURNING id, sender_id, recipient_id, text, (extract(epoch FROM sent_at) * 1000)::bigint AS sent_at_ms
            """;

    static final String UPSERT_DIALOGS = """
            INSERT INTO user_dialogs AS d
                   (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count)
            SELECT u.owner_id, u.peer_id, u.last_message_id, u.last_sender_id, u.last_text,
                   timestamptz 'epoch' + u.last_sent_at_ms * interval '1 millisecond', u.unread
              FROM unnest(?::bigint[], ?::bigint[], ?::uuid[], ?::bigint[], ?::text[], ?::bigint[], ?::int[])
                   AS u(owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at_ms, unread)
             ORDER BY u.owner_id, u.peer_id
            """ + DialogRowConflict.NEWER_WINS;

    private final JdbcClient jdbc;

    MessageBatchWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public List<StoredMessage> write(List<SendMessage> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<StoredMessage> stored = insertMessages(events);
        upsertDialogs(DialogRowUpdate.of(stored));
        return stored;
    }

    private List<StoredMessage> insertMessages(List<SendMessage> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        Long[] senders = new Long[n];
        Long[] recipients = new Long[n];
        String[] texts = new String[n];
        Long[] sentAt = new Long[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            SendMessage e = events.get(i);
            ids[i] = e.getMessageId();
            senders[i] = e.getSenderId();
            recipients[i] = e.getRecipientId();
            texts[i] = e.getText();
            sentAt[i] = e.getSentAt().toEpochMilli();
            keys[i] = e.getIdempotencyKey();
        }
        return jdbc.sql(INSERT_MESSAGES)
                .params(ids, senders, recipients, texts, sentAt, keys)
                .query((rs, row) -> new StoredMessage((UUID) rs.getObject("id"), rs.getLong("sender_id"),
                        rs.getLong("recipient_id"), rs.getString("text"), rs.getLong("sent_at_ms")))
                .list();
    }

    private void upsertDialogs(List<DialogRowUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        List<DialogRowUpdate> ordered = updates.stream()
                .sorted(Comparator.comparingLong(DialogRowUpdate::ownerId).thenComparingLong(DialogRowUpdate::peerId))
                .toList();
        jdbc.sql(UPSERT_DIALOGS)
                .params(column(ordered, DialogRowUpdate::ownerId, Long[]::new),
                        column(ordered, DialogRowUpdate::peerId, Long[]::new),
                        column(ordered, u -> u.last().id(), UUID[]::new),
                        column(ordered, u -> u.last().senderId(), Long[]::new),
                        column(ordered, u -> u.last().text(), String[]::new),
                        column(ordered, u -> u.last().sentAtMillis(), Long[]::new),
                        column(ordered, DialogRowUpdate::unreadIncrement, Integer[]::new))
                .update();
    }

    private static <T> T[] column(List<DialogRowUpdate> rows, java.util.function.Function<DialogRowUpdate, T> field,
            java.util.function.IntFunction<T[]> array) {
        return rows.stream().map(field).toArray(array);
    }
}
