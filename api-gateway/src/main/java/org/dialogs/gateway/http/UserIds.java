package org.dialogs.gateway.http;

/** Parses the string user ids of the public API. */
public final class UserIds {

    private UserIds() {
    }

    /** The id in {@code value}, or a 400 naming {@code field}. */
    public static long parse(String field, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through to the same answer as a non-positive id
        }
        throw ApiException.badRequest(field + " must be a user id (a positive integer), was '" + value + "'");
    }
}
