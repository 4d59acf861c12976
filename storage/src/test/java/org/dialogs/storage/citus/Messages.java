package org.dialogs.storage.citus;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test rows of one sender, and counts of them. */
final class Messages {

    private Messages() {
    }

    /** Stores {@code count} messages from {@code sender} to one recipient. */
    static void insert(JdbcClient jdbc, long sender, int count) {
        jdbc.sql("""
                        INSERT INTO messages (id, sender_id, recipient_id, text, sent_at)
                        SELECT gen_random_uuid(), :sender, :sender + 1000000, 'message ' || i,
                               timestamptz '2026-11-24 10:00:00+00' + i * interval '1 millisecond'
                          FROM generate_series(1, :count) AS i
                        """)
                .param("sender", sender)
                .param("count", count)
                .update();
    }

    static long count(JdbcClient jdbc, long sender) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE sender_id = :sender")
                .param("sender", sender)
                .query(Long.class)
                .single();
    }

    static long countAll(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM messages").query(Long.class).single();
    }

    /** The unread count of the sender's own dialog rows, which the steady writer raises once per write. */
    static long unread(JdbcClient jdbc, long sender) {
        return jdbc.sql("SELECT coalesce(sum(unread_count), 0) FROM user_dialogs WHERE owner_id = :sender")
                .param("sender", sender)
                .query(Long.class)
                .single();
    }

    static long shardOf(JdbcClient jdbc, long sender) {
        return jdbc.sql("SELECT get_shard_id_for_distribution_column('messages', :sender::bigint)")
                .param("sender", sender)
                .query(Long.class)
                .single();
    }

    /** {@code count} senders above {@code sender} whose rows share its shard (its shard group, on every table). */
    static long[] sameShardAs(JdbcClient jdbc, long sender, int count) {
        return jdbc.sql("""
                        SELECT id FROM generate_series(:sender + 1, :sender + 100000) AS id
                         WHERE get_shard_id_for_distribution_column('messages', id)
                               = get_shard_id_for_distribution_column('messages', :sender::bigint)
                         ORDER BY id
                         LIMIT :count
                        """)
                .param("sender", sender)
                .param("count", count)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
    }
}
