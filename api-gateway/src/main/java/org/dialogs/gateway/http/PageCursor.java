package org.dialogs.gateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a newest-first listing ended: a time and a tie-breaking key (a message id, a peer id). Clients
 * see it as an opaque string and pass it back as {@code before} to get the next, older page.
 */
public record PageCursor(Instant at, String key) {

    /** Names the response header that carries the cursor of the next page. */
    public static final String NEXT_HEADER = "X-Dialogs-Next-Cursor";

    private static final String VERSION = "c1";

    /** The opaque form clients pass back. */
    public String encode() {
        String plain = VERSION + ":" + at.toEpochMilli() + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code value}, or a 400 naming {@code field}. */
    public static PageCursor decode(String field, String value) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
                return new PageCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a well-encoded but foreign value
        }
        throw ApiException.badRequest(field + " must be a cursor from the " + NEXT_HEADER
                + " header of the previous page");
    }
}
