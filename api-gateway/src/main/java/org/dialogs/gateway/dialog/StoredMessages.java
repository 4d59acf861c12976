package org.dialogs.gateway.dialog;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether the writer has stored a given message yet: one primary-key lookup on the sender's shard. */
@Repository
class StoredMessages {

    private static final String CONTAINS =
            "SELECT EXISTS (SELECT 1 FROM messages WHERE sender_id = :sender AND id = :id)";

    private final JdbcClient jdbc;

    StoredMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(long sender, UUID id) {
        return jdbc.sql(CONTAINS)
                .param("sender", sender)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }
}
