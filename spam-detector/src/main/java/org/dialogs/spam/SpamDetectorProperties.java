package org.dialogs.spam;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.dialogs.spam.detect.DetectionRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the spam-detector.
 *
 * @param window the sliding window of event time both rules count in
 * @param maxMessages a sender with more messages than this in one window is flagged
 * @param maxRecipients a sender writing to more distinct recipients than this in one window is flagged
 * @param candidateMessages a sender the sketches count this many messages for is watched exactly
 * @param sketchWidth counters per sketch row (a power of two): more means fewer false candidates
 * @param lateWindows how many windows late an event may arrive and still be counted
 * @param maxWatchedSenders most senders watched exactly at once
 * @param isolationPollInterval how often the isolation job runner looks for due jobs
 * @param isolationMaxAttempts attempts of an isolation job before it is failed
 * @param isolationRetryBackoff pause before retrying a job after a transient error (doubles per attempt)
 * @param dedicatedWorker {@code host:port} of a worker to move isolated tenants to; empty: they stay put
 * @param operatorUser user name for everything under {@code /ops}
 * @param operatorPassword password for everything under {@code /ops}; empty: {@code /ops} answers 503
 */
@Validated
@ConfigurationProperties("spam-detector")
public record SpamDetectorProperties(
        @DefaultValue("10s") Duration window,
        @DefaultValue("100") @Positive int maxMessages,
        @DefaultValue("20") @Positive int maxRecipients,
        @DefaultValue("10") @Positive int candidateMessages,
        @DefaultValue("1048576") @Positive int sketchWidth,
        @DefaultValue("1") @Min(0) int lateWindows,
        @DefaultValue("100000") @Positive int maxWatchedSenders,
        @DefaultValue("500ms") Duration isolationPollInterval,
        @DefaultValue("5") @Positive int isolationMaxAttempts,
        @DefaultValue("2s") Duration isolationRetryBackoff,
        @DefaultValue("") String dedicatedWorker,
        @DefaultValue("operator") String operatorUser,
        @DefaultValue("") String operatorPassword) {

    public DetectionRules rules() {
        return new DetectionRules(window, maxMessages, maxRecipients, candidateMessages);
    }
}
