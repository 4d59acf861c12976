package org.dialogs.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.dialogs.gateway.ApiGatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues and checks signed, expiring bearer tokens of the form {@code v1.<userId>.<expiresEpochSecond>.<hmac>}:
 * any gateway instance with the same secret can check them, without a session store.
 */
@Component
public class BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ApiGatewayProperties properties;
    private final Clock clock;

    BearerTokens(ApiGatewayProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = new SecretKeySpec(secret(properties.tokenSecret()), ALGORITHM);
    }

    public String issue(long userId) {
        String payload = "v1." + userId + "." + clock.instant().plus(properties.tokenTtl()).getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The user a token was issued to, if it is well formed, signed by this key and not expired. */
    OptionalLong verify(String token) {
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return OptionalLong.empty();
        }
        String payload = token.substring(0, lastDot);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        String[] parts = payload.split("\\.");
        if (!MessageDigest.isEqual(expected, given) || parts.length != 3 || !parts[0].equals("v1")) {
            return OptionalLong.empty();
        }
        try {
            long userId = Long.parseLong(parts[1]);
            long expires = Long.parseLong(parts[2]);
            return clock.instant().getEpochSecond() < expires ? OptionalLong.of(userId) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static byte[] secret(String configured) {
        if (!configured.isEmpty()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        log.warn("api-gateway.token-secret is not set: signing tokens with a random key, so tokens end with this "
                + "process and other gateway instances reject them");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
