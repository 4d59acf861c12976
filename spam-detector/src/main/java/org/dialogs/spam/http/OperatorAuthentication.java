package org.dialogs.spam.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.dialogs.spam.SpamDetectorProperties;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks the configured operator's user name and password, from the login form or HTTP Basic, in constant time,
 * and tells the {@link LoginThrottle} how each attempt from which address went.
 */
@Component
class OperatorAuthentication implements AuthenticationProvider {

    private final SpamDetectorProperties properties;
    private final LoginThrottle throttle;

    OperatorAuthentication(SpamDetectorProperties properties, LoginThrottle throttle) {
        this.properties = properties;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address = address(attempt);
        boolean userMatches = equal(properties.operator().user(), attempt.getName());
        boolean passwordMatches = equal(properties.operator().password(), String.valueOf(attempt.getCredentials()));
        if (properties.operator().password().isEmpty() || !userMatches || !passwordMatches) {
            throttle.failed(address);
            throw new BadCredentialsException("wrong operator user or password");
        }
        throttle.succeeded(address);
        return UsernamePasswordAuthenticationToken.authenticated(properties.operator().user(), null,
                List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
                : "unknown";
    }

    private static boolean equal(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
