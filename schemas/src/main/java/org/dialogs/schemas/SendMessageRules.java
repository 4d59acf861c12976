package org.dialogs.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a send-message event valid, shared by the gateway, the writer and the detector, and by every other
 * producer of the topic.
 */
public final class SendMessageRules {

    /** The longest text, in characters (Unicode code points). */
    public static final int MAX_TEXT_LENGTH = 4096;

    /** The longest idempotency key, in characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    /** The earliest {@code sent_at} the contract accepts: nothing was sent before the system existed. */
    public static final Instant EARLIEST_SENT_AT = Instant.parse("2020-01-01T00:00:00Z");

    /** How far a {@code sent_at} may lie ahead of the broker's timestamp, unless a service is told otherwise. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private SendMessageRules() {
    }

    /**
     * Every rule the record breaks, each as a sentence naming the field; empty when it is valid.
     *
     * @param key the record's key, which must be the sender id as {@link Topics#senderKey} writes it
     * @param brokerTime the record's timestamp (the broker's append time on the send-message topic)
     * @param maxClockSkew how far {@code sent_at} may lie ahead of {@code brokerTime}
     */
    public static List<String> violations(String key, SendMessage event, Instant brokerTime, Duration maxClockSkew) {
        List<String> problems = violations(event);
        if (!Topics.senderKey(event.getSenderId()).equals(key)) {
            problems.add("the record key must be the sender id " + event.getSenderId() + ", was "
                    + (key == null ? "none" : "'" + abbreviate(key) + "'"));
        }
        if (event.getSentAt() != null) {
            problems.addAll(sentAtViolations(event.getSentAt(), brokerTime, maxClockSkew));
        }
        return problems;
    }

    /** Every rule a {@code sent_at} breaks against the time the record reached the broker; empty when valid. */
    public static List<String> sentAtViolations(Instant sentAt, Instant brokerTime, Duration maxClockSkew) {
        if (sentAt.isBefore(EARLIEST_SENT_AT)) {
            return List.of("sent_at must not be before " + EARLIEST_SENT_AT + ", was " + sentAt);
        }
        if (sentAt.isAfter(brokerTime.plus(maxClockSkew))) {
            return List.of("sent_at must be at most " + maxClockSkew.toSeconds() + " s after the record's timestamp "
                    + brokerTime + ", was " + sentAt);
        }
        return List.of();
    }

    /** Every rule the event's fields break on their own (no key, no clock); empty when they are valid. */
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

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
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
