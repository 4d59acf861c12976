package org.dialogs.gateway;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the api-gateway.
 *
 * @param tokenSecret key that signs bearer tokens; every gateway instance must share it. Empty: a random key
 *                    per process, so tokens do not survive a restart
 * @param tokenTtl how long a token from {@code /login} is valid
 * @param bcryptStrength cost of the password hash (log2 rounds)
 * @param publishTimeout longest wait for Kafka to acknowledge a send before answering 503
 * @param retryAfter what a 503 tells the client to wait
 * @param readYourWritesWait longest a list waits for the caller's own newest message to be stored
 * @param readYourWritesPoll how often a waiting list reads the writers' committed offsets (shared by all waiters)
 * @param writerGroup the message-writers' consumer group, whose committed offsets say what is stored
 * @param maxRequestBody largest request body accepted; larger ones get 413 before they are read
 * @param throttle how fast a sender flagged by the spam-detector may still send
 */
@Validated
@ConfigurationProperties("api-gateway")
public record ApiGatewayProperties(
        @DefaultValue("") String tokenSecret,
        @DefaultValue("24h") Duration tokenTtl,
        @DefaultValue("10") @Min(4) @Max(16) int bcryptStrength,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue("2s") Duration readYourWritesWait,
        @DefaultValue("10ms") Duration readYourWritesPoll,
        @DefaultValue("message-writer") String writerGroup,
        @DefaultValue("64KB") DataSize maxRequestBody,
        @DefaultValue @Valid Throttle throttle) {

    /**
     * The token bucket of a flagged sender.
     *
     * @param messagesPerMinute how fast the bucket refills: the sustained rate a flagged sender may send at
     * @param burst how many tokens the bucket holds: sends a flagged sender may make at once
     */
    public record Throttle(
            @DefaultValue("6") @Positive int messagesPerMinute,
            @DefaultValue("3") @Positive int burst) {
    }
}
