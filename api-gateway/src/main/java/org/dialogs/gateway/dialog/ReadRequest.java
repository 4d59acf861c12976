package org.dialogs.gateway.dialog;

/** {@code POST /dialog/{user_id}/read}: the id of the newest message to mark read; absent, all of them. */
record ReadRequest(String upTo) {
}
