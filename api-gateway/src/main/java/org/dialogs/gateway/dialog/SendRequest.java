package org.dialogs.gateway.dialog;

/** {@code POST /dialog/{user_id}/send}: the text to send. */
record SendRequest(String text) {
}
