package org.dialogs.gateway.dialog;

/** What {@code POST /dialog/{user_id}/read} did: how many messages it marked, and how many stay unread. */
record ReadReceipt(int markedRead, int unreadCount) {
}
