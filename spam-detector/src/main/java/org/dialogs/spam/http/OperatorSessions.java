package org.dialogs.spam.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.dialogs.spam.SpamDetectorProperties;
import org.springframework.stereotype.Component;

/**
 * Checks operator credentials and issues the signed, expiring session value of the ops pages' cookie
 * ({@code <expiresEpochSecond>.<hmac>}, keyed per process: a restart logs operators out).
 */
@Component
class OperatorSessions {

    static final Duration TTL = Duration.ofHours(8);
    private static final String ALGORITHM = "HmacSHA256";

    private final SpamDetectorProperties properties;
    private final Clock clock;
    private final SecretKeySpec key;

    OperatorSessions(SpamDetectorProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, ALGORITHM);
    }

    boolean configured() {
        return !properties.operatorPassword().isEmpty();
    }

    boolean matches(String user, String password) {
        return configured() && equal(properties.operatorUser(), user) && equal(properties.operatorPassword(), password);
    }

    String user() {
        return properties.operatorUser();
    }

    String issue() {
        String expires = Long.toString(clock.instant().plus(TTL).getEpochSecond());
        return expires + "." + sign(expires);
    }

    boolean valid(String session) {
        int dot = session == null ? -1 : session.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String expires = session.substring(0, dot);
        try {
            return equal(sign(expires), session.substring(dot + 1))
                    && clock.instant().getEpochSecond() < Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static boolean equal(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
