package org.dialogs.spam.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (403) a request that would change something under {@code /ops} unless it shows it comes from this
 * site, however it is authenticated: it carries {@code X-Ops-Request}, which another site's page cannot send
 * (this service allows no cross-origin requests), or its {@code Origin} is this server, as a browser's own form
 * posts say. A request naming another origin is refused even with the header.
 */
final class AntiForgeryCheck extends OncePerRequestFilter {

    static final String REQUEST_HEADER = "X-Ops-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean ownOrigin = origin != null && sameOrigin(origin, request);
        boolean allowed = SAFE_METHODS.contains(request.getMethod())
                || (origin == null ? request.getHeader(REQUEST_HEADER) != null : ownOrigin);
        if (allowed) {
            chain.doFilter(request, response);
            return;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN, origin == null
                ? "send " + REQUEST_HEADER + " with changes to /ops"
                : "changes to /ops are not accepted from " + origin);
    }

    static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
