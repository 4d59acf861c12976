package org.dialogs.spam.detect;

import java.time.Duration;

/**
 * When a sender is flagged: more than {@code maxMessages} messages, or more than {@code maxRecipients} distinct
 * recipients, within any {@code window} of event time. Senders are watched exactly once a sketch estimates
 * {@code candidateMessages} messages in a window.
 */
public record DetectionRules(Duration window, int maxMessages, int maxRecipients, int candidateMessages) {

    public static final String MESSAGES_RULE = "messages-per-window";
    public static final String RECIPIENTS_RULE = "distinct-recipients-per-window";

    public DetectionRules {
        if (window.toSeconds() < 1 || maxMessages < 1 || maxRecipients < 1 || candidateMessages < 1) {
            throw new IllegalArgumentException("window must be at least 1 s and every threshold positive");
        }
    }

    int windowSeconds() {
        return (int) window.toSeconds();
    }

    long windowMillis() {
        return window.toMillis();
    }
}
