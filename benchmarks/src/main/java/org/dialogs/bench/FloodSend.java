package org.dialogs.bench;

import java.util.UUID;

/** One normal sender's message in the flood benchmark: when it was due, the gateway's answer, when it was stored. */
final class FloodSend {

    final long sender;
    final long dueMillis;
    volatile int status;
    volatile UUID id;
    volatile long sentAtMillis;
    volatile long storedMillis;
    volatile int timesStored;

    FloodSend(long sender, long dueMillis) {
        this.sender = sender;
        this.dueMillis = dueMillis;
    }

    boolean stored() {
        return storedMillis != 0;
    }
}
