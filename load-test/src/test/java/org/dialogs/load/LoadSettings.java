package org.dialogs.load;

import java.time.Duration;

/**
 * The load test's parameters, from system properties ({@code -Ddialogs.rate=...}), with their defaults.
 *
 * @param baseUrl the gateway under test ({@code dialogs.base-url})
 * @param users users registered before the load, each writing to {@code peers} fixed peers ({@code dialogs.users})
 * @param peers how many fixed peers each user writes to ({@code dialogs.peers})
 * @param rate requests per second at the plateau, sends and lists together ({@code dialogs.rate})
 * @param ramp time to ramp the arrival rate from 1/s up to {@code rate} ({@code dialogs.ramp})
 * @param duration time at the plateau ({@code dialogs.duration})
 * @param sendPercent share of requests that are sends; the rest list a conversation ({@code dialogs.send-percent})
 * @param writerMetricsUrl the writer's Prometheus endpoint, read before and after; empty: not read
 *        ({@code dialogs.writer-metrics-url})
 */
record LoadSettings(String baseUrl, int users, int peers, double rate, Duration ramp, Duration duration,
        double sendPercent, String writerMetricsUrl) {

    /** The spam-detector's default rule: more than this many messages per sender in 10 s is flagged. */
    static final int SPAM_MAX_MESSAGES_PER_10S = 100;
    /** The spam-detector's default rule: more than this many distinct recipients per sender in 10 s is flagged. */
    static final int SPAM_MAX_RECIPIENTS_PER_10S = 20;

    static LoadSettings fromSystemProperties() {
        LoadSettings settings = new LoadSettings(
                System.getProperty("dialogs.base-url", "http://localhost:8080"),
                Integer.parseInt(System.getProperty("dialogs.users", "2000")),
                Integer.parseInt(System.getProperty("dialogs.peers", "3")),
                Double.parseDouble(System.getProperty("dialogs.rate", "50")),
                duration(System.getProperty("dialogs.ramp", "10s")),
                duration(System.getProperty("dialogs.duration", "60s")),
                Double.parseDouble(System.getProperty("dialogs.send-percent", "90")),
                System.getProperty("dialogs.writer-metrics-url", "http://localhost:8081/actuator/prometheus"));
        settings.checkBelowSpamRules();
        return settings;
    }

    /** Mean messages one user sends in 10 s at the plateau (users are picked uniformly at random). */
    double messagesPerUserPer10s() {
        return rate * sendPercent / 100 * 10 / users;
    }

    /**
     * Refuses settings that would get the load's own users flagged: the mean must stay at most half the limit,
     * so that random bunching (Poisson) does not cross it either.
     */
    private void checkBelowSpamRules() {
        if (peers < 1 || peers >= users || peers > SPAM_MAX_RECIPIENTS_PER_10S) {
            throw new IllegalArgumentException("dialogs.peers must be 1 to " + SPAM_MAX_RECIPIENTS_PER_10S
                    + " and below dialogs.users, got " + peers);
        }
        if (messagesPerUserPer10s() > SPAM_MAX_MESSAGES_PER_10S / 2.0) {
            throw new IllegalArgumentException(String.format(
                    "%.1f messages per user in 10 s would trip the spam rule (%d): raise dialogs.users above %d",
                    messagesPerUserPer10s(), SPAM_MAX_MESSAGES_PER_10S,
                    (int) Math.ceil(rate * sendPercent / 100 * 10 / (SPAM_MAX_MESSAGES_PER_10S / 2.0))));
        }
    }

    private static Duration duration(String value) {
        String v = value.trim();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
    }
}
