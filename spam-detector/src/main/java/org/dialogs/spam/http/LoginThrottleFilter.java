package org.dialogs.spam.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After}, without looking at the password, to a login or HTTP Basic request from an
 * address the {@link LoginThrottle} has locked out, and counts these answers.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    static final String METRIC = "dialogs.ops.login.throttled";

    private final LoginThrottle throttle;
    private final Counter throttled;

    LoginThrottleFilter(LoginThrottle throttle, MeterRegistry meters) {
        this.throttle = throttle;
        this.throttled = Counter.builder(METRIC)
                .description("ops logins and Basic requests refused because their address is locked out")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean login = "POST".equals(request.getMethod()) && "/ops/login".equals(request.getServletPath());
        return !basic && !login;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> locked = throttle.lockedFor(request.getRemoteAddr());
        if (locked.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        throttled.increment();
        long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(),
                "too many wrong passwords from this address: try again in " + seconds + " s");
    }
}
