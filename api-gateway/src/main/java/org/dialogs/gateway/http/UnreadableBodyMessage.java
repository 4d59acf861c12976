package org.dialogs.gateway.http;

import java.time.LocalDate;
import java.util.stream.Collectors;

import tools.jackson.databind.exc.MismatchedInputException;

/** Says what was wrong with a request body Jackson could not read: the field and the JSON type it must have. */
final class UnreadableBodyMessage {

    private static final String PREFIX = "the request body is not the JSON this endpoint takes: ";

    private UnreadableBodyMessage() {
    }

    static String of(Throwable cause) {
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && mismatch.getTargetType() != null) {
            return PREFIX + field(mismatch) + " must be " + jsonType(mismatch.getTargetType());
        }
        return PREFIX + firstLine(cause.getMessage());
    }

    private static String field(MismatchedInputException mismatch) {
        return mismatch.getPath().stream()
                .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String jsonType(Class<?> target) {
        if (CharSequence.class.isAssignableFrom(target)) {
            return "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "an integer";
        }
        if (target == LocalDate.class) {
            return "a date as a string, YYYY-MM-DD";
        }
        return "a " + target.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "empty or unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
