package org.dialogs.writer;

import java.util.List;

import org.dialogs.schemas.SendMessage;

/**
 * Stores one batch of send-message events in one transaction: the messages that are new (a replayed event is
 * ignored) and the per-user dialog rows of both sides. Knows nothing of Kafka.
 */
interface BatchWriter {

    /** Stores the events; returns the messages that were new. */
    List<StoredMessage> write(List<SendMessage> events);
}
