package org.dialogs.writer;

import java.util.UUID;

/** A message the current batch stored for the first time. */
record StoredMessage(UUID id, long senderId, long recipientId, String text, long sentAtMillis) {

    /** Whether this message comes after {@code other} in a conversation. */
    boolean isAfter(StoredMessage other) {
        return sentAtMillis != other.sentAtMillis ? sentAtMillis > other.sentAtMillis : id.compareTo(other.id) > 0;
    }
}
