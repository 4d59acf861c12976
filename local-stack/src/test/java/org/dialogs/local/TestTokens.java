package org.dialogs.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bearer tokens made outside the gateway, in its format, to show which ones it refuses. */
final class TestTokens {

    private TestTokens() {
    }

    /** A token for {@code userId} that expires at {@code expires}, signed with {@code secret}. */
    static String signed(String secret, String userId, Instant expires) {
        String payload = "v1." + userId + "." + expires.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return payload + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code token} with its user id replaced and its signature kept. */
    static String withUser(String token, String userId) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + userId + "." + parts[2] + "." + parts[3];
    }
}
