package org.dialogs.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dialogs.gateway.ApiGatewayProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 413 to a request whose declared body is larger than the configured limit, without reading it. */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimit(ApiGatewayProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (declared <= maxBytes && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        String message = chunked
                ? "send the body with a Content-Length of at most " + maxBytes + " bytes, not chunked"
                : "the request body is " + declared + " bytes; at most " + maxBytes + " are accepted";
        String requestId = UUID.randomUUID().toString();
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(("{\"message\":\"" + message + "\",\"request_id\":\"" + requestId
                + "\",\"code\":413}").getBytes(StandardCharsets.UTF_8));
    }
}
