package org.dialogs.schemas;

/** Names of the Kafka topics that make up the public contract. */
public final class Topics {

    /** Send-message events ({@link SendMessage}), keyed by the sender id as a decimal string. */
    public static final String SEND_MESSAGE = "dialogs.send-message";

    /** Send-message records that could not be decoded or were invalid, with headers saying why. */
    public static final String SEND_MESSAGE_DEAD_LETTER = "dialogs.send-message.dlt";

    /** Spam decisions ({@link SpamDecision}), keyed by sender id; compacted: the latest per sender is its state. */
    public static final String SPAM_DECISION = "dialogs.spam-decision";

    private Topics() {
    }

    /** The record key for a message from {@code senderId}: all of one sender's messages share a partition. */
    public static String senderKey(long senderId) {
        return Long.toString(senderId);
    }
}
