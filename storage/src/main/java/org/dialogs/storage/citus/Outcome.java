package org.dialogs.storage.citus;

/** How a shard operation ended: done now, found already done, or refused because another one was running. */
public enum Outcome {
    DONE,
    ALREADY_DONE,
    BUSY
}
