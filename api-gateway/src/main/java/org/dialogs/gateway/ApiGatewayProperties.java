package org.dialogs.gateway;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param maxRequestBody largest request body accepted; larger ones get 413 before they are read
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
        @DefaultValue("64KB") DataSize maxRequestBody) {
}
