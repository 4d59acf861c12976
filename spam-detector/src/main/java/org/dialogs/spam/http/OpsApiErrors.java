package org.dialogs.spam.http;

import java.util.Map;

import org.dialogs.storage.citus.NotCitusClusterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ops API's errors as {@code {"message": ...}} with a fitting status, so the page can show them. */
@RestControllerAdvice(assignableTypes = {OpsTenantsController.class, OpsClusterController.class})
class OpsApiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpsApiErrors.class);

    @ExceptionHandler(NotCitusClusterException.class)
    ResponseEntity<Map<String, String>> notCitus(NotCitusClusterException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Map<String, String>> database(DataAccessException e) {
        log.warn("ops request failed in the database", e);
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "the database refused: " + rootMessage(e));
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
