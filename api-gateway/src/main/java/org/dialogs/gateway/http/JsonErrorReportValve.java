package org.dialogs.gateway.http;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the contract's error body, in place of Tomcat's HTML page, for an error the application did not answer
 * itself: above all the requests Tomcat refuses before any servlet runs (a malformed path, oversized headers).
 */
class JsonErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own valve: leave alone what is no error, was answered already, or cannot be written
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String requestId = ApiErrorHandler.requestId(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message(status, response.getMessage()));
        body.put("request_id", requestId);
        body.put("code", status);
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Request-Id", requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer is under way: nothing more to tell it
        }
    }

    private static String message(int status, String containerMessage) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error " + status : known.getReasonPhrase();
        String detail = containerMessage == null || containerMessage.isBlank() ? reason : containerMessage;
        return status == HttpStatus.BAD_REQUEST.value()
                ? "the request is not valid HTTP (a malformed request line, path or header, or headers that are too "
                        + "large): " + detail
                : detail;
    }
}
