package org.dialogs.gateway.dialog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One message of a conversation: the contract's {@code from}, {@code to}, {@code text}, plus our id and times. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DialogMessage(String id, String from, String to, String text, Instant sentAt, Instant readAt) {
}
