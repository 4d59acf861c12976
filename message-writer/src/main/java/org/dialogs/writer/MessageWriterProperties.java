package org.dialogs.writer;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the message-writer.
 *
 * @param retryBackoffInitial first pause after a failed batch (the database is down, say)
 * @param retryBackoffMax longest pause between attempts; the writer never gives up on a valid batch
 * @param maxClockSkew how far an event's {@code sent_at} may lie ahead of its record's timestamp
 * @param knownUsers how many registered user ids are remembered, so that most events cost no user lookup
 * @param lagCheckInterval how often the consumer group's lag per partition is read from Kafka
 * @param stalledAfter how long a partition may lag with no committed progress before health says it is stalled
 * @param writeForm how a poll goes into the database: {@code auto} (staged on Citus, unnest elsewhere),
 *        {@code unnest} or {@code staged}
 */
@Validated
@ConfigurationProperties("message-writer")
record MessageWriterProperties(
        @DefaultValue("200ms") Duration retryBackoffInitial,
        @DefaultValue("5s") Duration retryBackoffMax,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("200000") @Positive int knownUsers,
        @DefaultValue("5s") Duration lagCheckInterval,
        @DefaultValue("30s") Duration stalledAfter,
        @DefaultValue("auto") WriteForm writeForm) {
}
