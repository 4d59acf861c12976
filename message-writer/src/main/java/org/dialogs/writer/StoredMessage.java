package org.dialogs.writer;

import java.util.UUID;

/** A message the current batch stored for the first time. */
record StoredMessage(UUID id, long senderId, long recipientId, String text, long sentAtMillis) {

    /** Whether this message comes after {@code other} in a conversation, in the order PostgreSQL sorts them. */
    boolean isAfter(StoredMessage other) {
        if (sentAtMillis != other.sentAtMillis) {
            return sentAtMillis > other.sentAtMillis;
        }
        // uuid.compareTo is signed; PostgreSQL compares uuids unsigned, as their text does
        return id.toString().compareTo(other.id.toString()) > 0;
    }
}
