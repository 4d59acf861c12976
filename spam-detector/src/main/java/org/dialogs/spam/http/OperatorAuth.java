package org.dialogs.spam.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets nothing under {@code /ops} answer without operator credentials: the session cookie from the login page,
 * or HTTP Basic (for curl). A page request without them goes to the login page; an API request gets 401. An API
 * call that changes something with the cookie must also carry {@code X-Ops-Request}, which another site's page
 * cannot send.
 */
@Configuration(proxyBeanMethods = false)
class OperatorAuth implements HandlerInterceptor, WebMvcConfigurer {

    static final String COOKIE = "dialogs_ops";
    static final String REQUEST_HEADER = "X-Ops-Request";

    private final OperatorSessions sessions;

    OperatorAuth(OperatorSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/ops", "/ops/**")
                .excludePathPatterns("/ops/login", "/ops/login.html", "/ops/ops.css");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!sessions.configured()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "set SPAM_DETECTOR_OPERATOR_PASSWORD to use the ops pages");
            return false;
        }
        if (basicAuthenticated(request)) {
            return true;
        }
        boolean api = request.getRequestURI().startsWith("/ops/api/");
        if (sessions.valid(cookie(request))) {
            if (!api || "GET".equals(request.getMethod()) || request.getHeader(REQUEST_HEADER) != null) {
                return true;
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "send " + REQUEST_HEADER + " with changes");
            return false;
        }
        if (!api && "GET".equals(request.getMethod())) {
            response.sendRedirect("/ops/login");
            return false;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dialogs ops\", charset=\"UTF-8\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "operator credentials required");
        return false;
    }

    private boolean basicAuthenticated(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && sessions.matches(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? null : Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst().orElse(null);
    }
}
