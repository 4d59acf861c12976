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
 * @param maxClockSkew how far an event's {@code sent_at} may lie ahead of its record's timestamp, and of this
 *        detector's clock; a record further ahead is refused, one ahead of the clock by less is counted at arrival
 * @param retryBackoffInitial first pause before a batch whose decisions could not be stored is retried (doubles)
 * @param retryBackoffMax longest pause between retries of such a batch; it is retried until it succeeds
 * @param relayInterval how often the relay looks for decisions a failure left unpublished
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
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("500ms") Duration retryBackoffInitial,
        @DefaultValue("10s") Duration retryBackoffMax,
        @DefaultValue("5s") Duration relayInterval,
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
