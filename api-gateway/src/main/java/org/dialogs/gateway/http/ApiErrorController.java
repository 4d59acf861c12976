package org.dialogs.gateway.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches ({@code /error}: errors raised outside Spring MVC, in a filter
 * or by the container) with the contract's error body, in place of Spring Boot's default.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorController.class);

    private final ApiErrorHandler errors;

    ApiErrorController(ApiErrorHandler errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return errors.answer(HttpStatus.NOT_FOUND, "no such endpoint: " + request.getRequestURI(), request);
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            ResponseEntity<ApiError> answer = errors.answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error",
                    request);
            log.error("request {} failed: {} {}", answer.getBody().requestId(), request.getMethod(),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return answer;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return errors.answer(status, message instanceof String text && !text.isBlank() ? text
                : status.getReasonPhrase(), request);
    }
}
