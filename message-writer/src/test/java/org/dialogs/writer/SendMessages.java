package org.dialogs.writer;

import java.time.Instant;

import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;

/** Valid send-message events for tests. */
final class SendMessages {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();
    private static long clock = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    private SendMessages() {
    }

    /** A message from {@code sender} to {@code recipient}, one millisecond after the previous one made here. */
    static synchronized SendMessage from(long sender, long recipient, String text) {
        return SendMessage.newBuilder()
                .setMessageId(IDS.next())
                .setSenderId(sender)
                .setRecipientId(recipient)
                .setText(text)
                .setSentAt(Instant.ofEpochMilli(++clock))
                .build();
    }
}
