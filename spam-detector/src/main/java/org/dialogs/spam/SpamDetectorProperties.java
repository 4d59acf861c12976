package org.dialogs.spam;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.dialogs.spam.detect.DetectionRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the spam-detector, by stage: what is flagged, how events are counted, how decisions are stored and
 * published, how flagged senders are isolated, who may use the ops pages, and what else the dashboard shows.
 */
@Validated
@ConfigurationProperties("spam-detector")
public record SpamDetectorProperties(
        @DefaultValue @Valid Rules rules,
        @DefaultValue @Valid Counting counting,
        @DefaultValue @Valid Decisions decisions,
        @DefaultValue @Valid Isolation isolation,
        @DefaultValue @Valid Operator operator,
        @DefaultValue @Valid Dashboard dashboard) {

    /**
     * What is flagged ({@code spam-detector.rules.*}).
     *
     * @param window the sliding window of event time both rules count in
     * @param maxMessages a sender with more messages than this in one window is flagged
     * @param maxRecipients a sender writing to more distinct recipients than this in one window is flagged
     * @param candidateMessages a sender the sketches count this many messages for is watched exactly
     */
    public record Rules(
            @DefaultValue("10s") Duration window,
            @DefaultValue("100") @Positive int maxMessages,
            @DefaultValue("20") @Positive int maxRecipients,
            @DefaultValue("10") @Positive int candidateMessages) {

        public DetectionRules detection() {
            return new DetectionRules(window, maxMessages, maxRecipients, candidateMessages);
        }
    }

    /**
     * How events are counted ({@code spam-detector.counting.*}).
     *
     * @param sketchWidth counters per sketch row (a power of two): more means fewer false candidates
     * @param lateWindows how many windows late an event may arrive and still be counted
     * @param maxWatchedSenders most senders watched exactly at once
     * @param maxClockSkew how far an event's {@code sent_at} may lie ahead of its record's timestamp, and of this
     *        detector's clock; a record further ahead is refused, one ahead of the clock by less is counted at
     *        arrival
     * @param refusedLogEvery how often a kind of refused record is logged, with how many there were since
     */
    public record Counting(
            @DefaultValue("1048576") @Positive int sketchWidth,
            @DefaultValue("1") @Min(0) int lateWindows,
            @DefaultValue("100000") @Positive int maxWatchedSenders,
            @DefaultValue("5m") Duration maxClockSkew,
            @DefaultValue("1m") Duration refusedLogEvery) {
    }

    /**
     * How decisions are stored and published ({@code spam-detector.decisions.*}).
     *
     * @param retryBackoffInitial first pause before a batch whose decisions could not be stored is retried (doubles)
     * @param retryBackoffMax longest pause between retries of such a batch; it is retried until it succeeds
     * @param relayInterval how often the relay looks for decisions a failure left unpublished
     * @param relayLockedRetry how soon a relay run that found another detector's run under way tries again
     * @param publishTimeout longest wait for Kafka to acknowledge one decision
     */
    public record Decisions(
            @DefaultValue("500ms") Duration retryBackoffInitial,
            @DefaultValue("10s") Duration retryBackoffMax,
            @DefaultValue("5s") Duration relayInterval,
            @DefaultValue("200ms") Duration relayLockedRetry,
            @DefaultValue("5s") Duration publishTimeout) {
    }

    /**
     * How flagged senders are isolated ({@code spam-detector.isolation.*}).
     *
     * @param pollInterval how often the job runner looks for due jobs
     * @param maxAttempts attempts of a job before it is failed
     * @param retryBackoff pause before retrying a job after a transient error (doubles per attempt)
     * @param staleAfter a job running this long is taken to have lost its runner and is requested again
     * @param staleCheckEvery how often running jobs are checked for that
     * @param dedicatedWorker {@code host:port} of a Citus worker to isolate tenants onto and pin them to (checked at
     *        start to be a worker of the cluster); empty: they go to the least loaded other worker
     */
    public record Isolation(
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("5") @Positive int maxAttempts,
            @DefaultValue("2s") Duration retryBackoff,
            @DefaultValue("30m") Duration staleAfter,
            @DefaultValue("1m") Duration staleCheckEvery,
            @DefaultValue("") @Pattern(regexp = "|[^:\\s]+:[0-9]{1,5}", message = "must be host:port or empty")
            String dedicatedWorker) {
    }

    /**
     * Who may use the ops pages ({@code spam-detector.operator.*}).
     *
     * @param user user name for everything under {@code /ops}
     * @param password password for everything under {@code /ops}; empty: {@code /ops} answers 503
     * @param login how wrong passwords are slowed down, per client address
     */
    public record Operator(
            @DefaultValue("operator") String user,
            @DefaultValue("") String password,
            @DefaultValue @Valid Login login) {
    }

    /**
     * How wrong operator passwords are slowed down ({@code spam-detector.operator.login.*}).
     *
     * @param maxFailures wrong passwords within {@code failureWindow} that lock the address out
     * @param failureWindow the time {@code maxFailures} are counted in
     * @param lockout the first lockout; each further one, before the address is forgotten, doubles it
     * @param maxLockout the longest lockout; an address idle this long after a lockout starts afresh
     */
    public record Login(
            @DefaultValue("5") @Positive int maxFailures,
            @DefaultValue("1m") Duration failureWindow,
            @DefaultValue("1m") Duration lockout,
            @DefaultValue("1h") Duration maxLockout) {
    }

    /**
     * What else the ops dashboard shows ({@code spam-detector.dashboard.*}).
     *
     * @param writerMetricsUrl a message-writer's {@code /actuator/prometheus} URL: the dashboard shows the p50 and p99
     *        of its accept-to-stored histogram; empty: that panel is hidden
     */
    public record Dashboard(
            @DefaultValue("") @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL or empty")
            String writerMetricsUrl) {
    }
}
