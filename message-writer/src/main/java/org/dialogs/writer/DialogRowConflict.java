package org.dialogs.writer;

/** How a dialog row takes an incoming message: the newer of the two stays its last message, and the unread add up. */
public final class DialogRowConflict {

    /** The {@code ON CONFLICT} clause of every dialog-row upsert, the row aliased {@code d}. */
    public static final String NEWER_WINS = """
            ON CONFLICT (owner_id, peer_id) DO UPDATE SET
                unread_count    = d.unread_count + EXCLUDED.unread_count,
                last_message_id = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_message_id ELSE d.last_message_id END,
                last_sender_id  = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_sender_id ELSE d.last_sender_id END,
                last_text       = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_text ELSE d.last_text END,
                last_sent_at    = GREATEST(d.last_sent_at, EXCLUDED.last_sent_at)
            """;

    private DialogRowConflict() {
    }
}
