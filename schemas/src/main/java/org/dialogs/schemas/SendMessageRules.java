package org.dialogs.schemas;

import java.util.ArrayList;
import java.util.List;

/** What makes a send-message event valid, shared by every producer and the writer. */
public final class SendMessageRules {

    /** The longest text, in characters (Unicode code points). */
    public static final int MAX_TEXT_LENGTH = 4096;

    /** The longest idempotency key, in characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private SendMessageRules() {
    }

    /** Every rule the event breaks, each as a sentence naming the field; empty when it is valid. */
    public static List<String> violations(SendMessage event) {
        List<String> problems = new ArrayList<>();
        if (event.getMessageId() == null || event.getMessageId().version() != 7) {
            problems.add("message_id must be a UUIDv7");
        }
        if (event.getSenderId() <= 0) {
            problems.add("sender_id must be positive, was " + event.getSenderId());
        }
        if (event.getRecipientId() <= 0) {
            problems.add("recipient_id must be positive, was " + event.getRecipientId());
        }
        if (event.getSenderId() == event.getRecipientId()) {
            problems.add("recipient_id must differ from sender_id");
        }
        problems.addAll(textViolations(event.getText()));
        if (event.getSentAt() == null) {
            problems.add("sent_at is required");
        }
        if (event.getIdempotencyKey() != null) {
            problems.addAll(idempotencyKeyViolations(event.getIdempotencyKey()));
        }
        return problems;
    }

    /** Every rule the text breaks; empty when it is valid. */
    public static List<String> textViolations(String text) {
        if (text == null || text.isBlank()) {
            return List.of("text must not be empty or only white space");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT_LENGTH) {
            return List.of("text must be at most " + MAX_TEXT_LENGTH + " characters, was " + length);
        }
        if (text.indexOf('\u0000') >= 0) {
            return List.of("text must not contain the NUL character");
        }
        if (hasLoneSurrogate(text)) {
            return List.of("text must be valid Unicode: it holds half of a surrogate pair");
        }
        return List.of();
    }

    /** Every rule an idempotency key breaks; empty when it is valid. */
    public static List<String> idempotencyKeyViolations(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            return List.of("idempotency key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return List.of();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStarts = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairStarts) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
