package org.dialogs.gateway.http;

/** The error body of every non-2xx answer, as the public contract defines it: {@code {message, request_id, code}}. */
record ApiError(String message, String requestId, int code) {
}
