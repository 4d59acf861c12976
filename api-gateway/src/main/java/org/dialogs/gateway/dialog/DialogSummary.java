package org.dialogs.gateway.dialog;

import java.time.Instant;

/** One conversation in {@code GET /dialogs}: the peer, the last message either side sent, and the unread count. */
record DialogSummary(String peerId, LastMessage lastMessage, int unreadCount) {

    /** The last message of a conversation, in either direction. */
    record LastMessage(String id, String from, String to, String text, Instant sentAt) {
    }
}
