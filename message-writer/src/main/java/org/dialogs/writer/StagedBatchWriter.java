package org.dialogs.writer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dialogs.schemas.SendMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch writer for Citus: the poll is copied into two staging tables, one distributed by sender and one by
 * recipient, and every statement after that reads a staging table colocated with the table it writes, so Citus
 * runs each on the workers, shard by shard, instead of pulling every row through the coordinator. The staged rows
 * are deleted before the commit. Exactly once: only the messages the insert returns as new are counted in the
 * dialog rows; the others are taken out of staging first. Every statement names the poll's senders (or recipients),
 * so that Citus sends it only to the shards that hold them: a small poll touches a few shards, not all of them.
 * Writers take turns ({@link #TAKE_TURN}): Citus lets one multi-shard write at a time into a shard, and two polls
 * whose statements lock different shards in different orders (A to B in one, B to A in the other) would deadlock.
 */
class StagedBatchWriter implements BatchWriter {

    /**
     * One staged poll at a time, across all writers, until its commit. Citus already serialises multi-shard writes
     * shard by shard (citus.enable_deadlock_prevention); taking the turn first makes the order global, so polls wait
     * for each other instead of deadlocking (measured: one consumer writes as fast as two on Citus).
     */
    static final String TAKE_TURN = "SELECT pg_advisory_xact_lock(hashtext('dialogs.staged-writer'))";

    static final String INSERT_MESSAGES = """
            INSERT INTO messages (sender_id, id, recipient_id, text, sent_at, idempotency_key)
            SELECT sender_id, id, recipient_id, text, sent_at, idempotency_key
              FROM staged_by_sender
             WHERE sender_id = ANY(?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING sender_id, id
            """;

    // rare (a replay): the messages that were stored before are taken out before the dialog rows count them
    static final String UNSTAGE_SENDER_SIDE = """
            DELETE FROM staged_by_sender
             WHERE (sender_id, id) IN (SELECT * FROM unnest(?::bigint[], ?::uuid[]))
            """;
    static final String UNSTAGE_RECIPIENT_SIDE = """
            DELETE FROM staged_by_recipient
             WHERE (sender_id, id) IN (SELECT * FROM unnest(?::bigint[], ?::uuid[]))
            """;

    /** The sender's row for each recipient of the poll: the newest message, nothing unread. */
    static final String SENDER_DIALOGS = """
            INSERT INTO user_dialogs AS d
                   (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count)
            SELECT DISTINCT ON (sender_id, recipient_id)
                   sender_id, recipient_id, id, sender_id, text, sent_at, 0
              FROM staged_by_sender
             WHERE sender_id = ANY(?::bigint[])
             ORDER BY sender_id, recipient_id, sent_at DESC, id DESC
            """ + DialogRowConflict.NEWER_WINS;

    /** The recipient's row for each sender of the poll: the newest message and how many arrived. */
    static final String RECIPIENT_DIALOGS = """
            INSERT INTO user_dialogs AS d
                   (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count)
            SELECT DISTINCT ON (recipient_id, sender_id)
                   recipient_id, sender_id, id, sender_id, text, sent_at,
                   count(*) OVER (PARTITION BY recipient_id, sender_id)
              FROM staged_by_recipient
             WHERE recipient_id = ANY(?::bigint[])
             ORDER BY recipient_id, sender_id, sent_at DESC, id DESC
            """ + DialogRowConflict.NEWER_WINS;

    // only this transaction's rows are visible to it: others' staged rows are uncommitted, and none is committed
    static final String CLEAR_SENDER_SIDE = "DELETE FROM staged_by_sender WHERE sender_id = ANY(?::bigint[])";
    static final String CLEAR_RECIPIENT_SIDE = "DELETE FROM staged_by_recipient WHERE recipient_id = ANY(?::bigint[])";

    private final JdbcClient jdbc;
    private final StagingCopy copy;

    StagedBatchWriter(JdbcClient jdbc, StagingCopy copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    @Override
    @Transactional
    public List<StoredMessage> write(List<SendMessage> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<MessageKey, SendMessage> messages = firstOfEachMessage(events);
        jdbc.sql(TAKE_TURN).query((rs, row) -> row).list();
        copy.stage(messages.values());
        Long[] senders = messages.values().stream().map(SendMessage::getSenderId).distinct().toArray(Long[]::new);
        Long[] recipients = messages.values().stream().map(SendMessage::getRecipientId).distinct()
                .toArray(Long[]::new);
        Set<MessageKey> fresh = new HashSet<>(jdbc.sql(INSERT_MESSAGES).param(senders)
                .query((rs, row) -> new MessageKey(rs.getLong("sender_id"), (UUID) rs.getObject("id")))
                .list());
        if (fresh.size() < messages.size()) {
            List<MessageKey> old = messages.keySet().stream().filter(k -> !fresh.contains(k)).toList();
            Long[] oldSenders = old.stream().map(MessageKey::senderId).toArray(Long[]::new);
            UUID[] oldIds = old.stream().map(MessageKey::id).toArray(UUID[]::new);
            jdbc.sql(UNSTAGE_SENDER_SIDE).params(oldSenders, oldIds).update();
            jdbc.sql(UNSTAGE_RECIPIENT_SIDE).params(oldSenders, oldIds).update();
        }
        if (!fresh.isEmpty()) {
            jdbc.sql(SENDER_DIALOGS).param(senders).update();
            jdbc.sql(RECIPIENT_DIALOGS).param(recipients).update();
        }
        jdbc.sql(CLEAR_SENDER_SIDE).param(senders).update();
        jdbc.sql(CLEAR_RECIPIENT_SIDE).param(recipients).update();
        List<StoredMessage> stored = new ArrayList<>(fresh.size());
        for (var entry : messages.entrySet()) {
            SendMessage e = entry.getValue();
            if (fresh.contains(entry.getKey())) {
                stored.add(new StoredMessage(e.getMessageId(), e.getSenderId(), e.getRecipientId(), e.getText(),
                        e.getSentAt().toEpochMilli()));
            }
        }
        return stored;
    }

    // a message twice in one poll (a producer's retry) is one message, as the insert would make it
    private static Map<MessageKey, SendMessage> firstOfEachMessage(List<SendMessage> events) {
        Map<MessageKey, SendMessage> messages = new LinkedHashMap<>();
        for (SendMessage e : events) {
            messages.putIfAbsent(new MessageKey(e.getSenderId(), e.getMessageId()), e);
        }
        return messages;
    }

    /** A message's primary key. */
    private record MessageKey(long senderId, UUID id) {
    }
}
