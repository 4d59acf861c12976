package org.dialogs.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.dialogs.gateway.ApiGatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BearerTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static BearerTokens tokens(String secret, Instant now) {
        ApiGatewayProperties properties = new ApiGatewayProperties(secret, Duration.ofHours(1), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(10), "message-writer", DataSize.ofKilobytes(64), new ApiGatewayProperties.Throttle(6, 3));
        return new BearerTokens(properties, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void verify_issuedToken_givesItsUser() {
        BearerTokens tokens = tokens("s3cret", NOW);

        assertThat(tokens.verify(tokens.issue(42))).isEqualTo(OptionalLong.of(42));
    }

    @Test
    void verify_tokenFromAnotherInstanceWithTheSameSecret_isAccepted() {
        assertThat(tokens("s3cret", NOW).verify(tokens("s3cret", NOW).issue(7))).isEqualTo(OptionalLong.of(7));
    }

    @Test
    void verify_expiredToken_isRejected() {
        String token = tokens("s3cret", NOW).issue(42);

        assertThat(tokens("s3cret", NOW.plus(Duration.ofHours(1))).verify(token)).isEmpty();
    }

    @Test
    void verify_otherSecret_isRejected() {
        assertThat(tokens("other", NOW).verify(tokens("s3cret", NOW).issue(42))).isEmpty();
    }

    @Test
    void verify_userIdChangedInAValidToken_isRejected() {
        BearerTokens tokens = tokens("s3cret", NOW);
        String forged = tokens.issue(42).replaceFirst("^v1\\.42\\.", "v1.43.");

        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void verify_garbage_isRejected() {
        BearerTokens tokens = tokens("s3cret", NOW);

        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("v1.42")).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify("v1.x.y.z")).isEmpty();
    }
}
