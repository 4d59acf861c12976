package org.dialogs.gateway.http;

/** Checks the {@code limit} of a paged listing. */
public final class PageLimit {

    private PageLimit() {
    }

    /** {@code limit} if it is 1 to {@code max}, else a 400 that says so. */
    public static int check(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit must be 1 to " + max + ", was " + limit);
        }
        return limit;
    }
}
