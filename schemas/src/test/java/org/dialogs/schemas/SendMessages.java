package org.dialogs.schemas;

import java.time.Instant;
import java.util.UUID;

/** Valid send-message events for tests. */
final class SendMessages {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();

    private SendMessages() {
    }

    static SendMessage.Builder valid() {
        return SendMessage.newBuilder()
                .setMessageId(IDS.next())
                .setSenderId(1)
                .setRecipientId(2)
                .setText("hello")
                .setSentAt(Instant.parse("2026-11-24T10:15:30.123Z"))
                .setIdempotencyKey(null);
    }

    static UUID id() {
        return IDS.next();
    }
}
