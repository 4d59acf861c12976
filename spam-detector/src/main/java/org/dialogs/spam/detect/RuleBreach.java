package org.dialogs.spam.detect;

import java.time.Instant;

/** A sender broke a rule: which, what was observed in the window, and the event time of the crossing message. */
public record RuleBreach(long senderId, String rule, long observed, int windowSeconds, Instant crossedAt) {
}
