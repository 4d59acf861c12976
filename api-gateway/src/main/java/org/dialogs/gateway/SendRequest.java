package org.dialogs.gateway;

/** {@code POST /dialog/{user_id}/send}: the text to send. */
record SendRequest(String text) {
}
