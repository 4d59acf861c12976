package org.dialogs.gateway.http;

import java.util.OptionalLong;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, with the status and the sentence the client gets, and for a 429 the seconds
 * it should wait.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final OptionalLong retryAfterSeconds;

    public ApiException(HttpStatus status, String message) {
        this(status, message, OptionalLong.empty());
    }

    private ApiException(HttpStatus status, String message, OptionalLong retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    /** What the {@code Retry-After} header says, when this exception decides it. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }

    /** A 429: the caller may retry after {@code retryAfterSeconds} (at least 1). */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message,
                OptionalLong.of(Math.max(1, retryAfterSeconds)));
    }
}
