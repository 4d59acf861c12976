package org.dialogs.spam.http;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How wrong operator passwords are slowed down, per client address.
 *
 * @param maxFailures wrong passwords within {@code failureWindow} that lock the address out
 * @param failureWindow the time {@code maxFailures} are counted in
 * @param lockout the first lockout; each further one, before the address is forgotten, doubles it
 * @param maxLockout the longest lockout; an address idle this long after a lockout starts afresh
 */
@Validated
@ConfigurationProperties("spam-detector.ops-login")
record OpsLoginProperties(
        @DefaultValue("5") @Positive int maxFailures,
        @DefaultValue("1m") Duration failureWindow,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("1h") Duration maxLockout) {
}
