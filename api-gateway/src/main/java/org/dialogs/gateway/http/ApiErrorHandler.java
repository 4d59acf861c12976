package org.dialogs.gateway.http;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.dialogs.gateway.ApiGatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into the contract's error body, with a request id to find it in the logs. */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ApiGatewayProperties properties;

    ApiErrorHandler(ApiGatewayProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        return answer(e.status(), e.getMessage(), e.retryAfterSeconds(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(error -> snakeCase(error.getField()) + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return answer(HttpStatus.BAD_REQUEST, message, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, UnreadableBodyMessage.of(e.getMostSpecificCause()), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "send the body as Content-Type: application/json, not "
                + e.getContentType(), request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ApiError> badParameter(Exception e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    /** Tomcat's, when a query parameter is not percent-encoded UTF-8. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> badQuery(InvalidParameterException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "the query string must be percent-encoded UTF-8: a parameter could "
                + "not be decoded", request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, "no such endpoint: " + request.getRequestURI(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), request);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> database(DataAccessException e, HttpServletRequest request) {
        log.warn("database unavailable for {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; retry later", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        ResponseEntity<ApiError> answer = answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", request);
        log.error("request {} failed: {} {}", answer.getBody().requestId(), request.getMethod(),
                request.getRequestURI(), e);
        return answer;
    }

    ResponseEntity<ApiError> answer(HttpStatus status, String message, HttpServletRequest request) {
        return answer(status, message, OptionalLong.empty(), request);
    }

    private ResponseEntity<ApiError> answer(HttpStatus status, String message, OptionalLong retryAfterSeconds,
            HttpServletRequest request) {
        String requestId = requestId(request);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).header("X-Request-Id", requestId);
        if (retryAfterSeconds.isPresent()) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds.getAsLong()));
        } else if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, properties.retryAfter().toSeconds())));
        }
        return builder.body(new ApiError(message, requestId, status.value()));
    }

    /** The caller's {@code X-Request-Id} if it is a plain token, else a new one. */
    static String requestId(HttpServletRequest request) {
        String given = request.getHeader("X-Request-Id");
        return given != null && given.matches("[A-Za-z0-9._-]{1,64}") ? given : UUID.randomUUID().toString();
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
