package org.dialogs.gateway.dialog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.dialogs.gateway.auth.CurrentUser;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.http.PageCursor;
import org.dialogs.gateway.http.PageLimit;
import org.dialogs.gateway.http.UserIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's conversations ({@code GET /dialogs}) and read receipts ({@code POST /dialog/{user_id}/read}). */
@RestController
class ConversationsController {

    private final DialogSummaryReader summaries;
    private final ReadMarker readMarker;
    private final WriterProgress writerProgress;
    private final Clock clock;

    ConversationsController(DialogSummaryReader summaries, ReadMarker readMarker, WriterProgress writerProgress,
            Clock clock) {
        this.summaries = summaries;
        this.readMarker = readMarker;
        this.writerProgress = writerProgress;
        this.clock = clock;
    }

    /** The caller's conversations, the one with the latest message first. */
    @Operation(summary = "Your conversations, latest message first, with unread counts (an addition)")
    @GetMapping("/dialogs")
    ResponseEntity<List<DialogSummary>> dialogs(@CurrentUser long caller,
            @RequestParam(value = "limit", defaultValue = "100") int limit,
            @RequestParam(value = "before", required = false) String before) {
        PageLimit.check(limit, DialogController.MAX_LIMIT);
        PageCursor cursor = before == null
                ? new PageCursor(ConversationReader.END_OF_TIME, Long.toString(Long.MAX_VALUE))
                : PageCursor.decode("before", before);
        boolean fresh = writerProgress.awaitSendsOf(caller);
        List<DialogSummary> page = summaries.before(caller, cursor.at(), peerId(cursor), limit);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!fresh) {
            answer.header(DialogController.POSSIBLY_STALE, "true");
        }
        if (page.size() == limit) {
            DialogSummary oldest = page.get(page.size() - 1);
            answer.header(PageCursor.NEXT_HEADER,
                    new PageCursor(oldest.lastMessage().sentAt(), oldest.peerId()).encode());
        }
        return answer.body(page);
    }

    /** Marks the messages {@code user_id} sent the caller, up to {@code up_to} (default: all), as read. */
    @Operation(summary = "Mark messages from a user as read, up to up_to or all (an addition)")
    @ApiResponse(responseCode = "404", description = "No such message from this user to you")
    @PostMapping("/dialog/{user_id}/read")
    ReadReceipt read(@CurrentUser long caller, @PathVariable("user_id") String userId,
            @RequestBody(required = false) ReadRequest request) {
        long peer = UserIds.parse("user_id", userId);
        if (peer == caller) {
            throw ApiException.badRequest("there is no conversation with yourself: user_id is your own id");
        }
        // what the peer sent before this request, through any gateway, is stored before it is marked read
        writerProgress.awaitSendsOf(peer);
        String upTo = request == null ? null : request.upTo();
        if (upTo == null) {
            return readMarker.markRead(caller, peer, ConversationReader.END_OF_TIME, ConversationReader.LAST_ID,
                    clock.instant());
        }
        UUID id = messageId(upTo);
        Instant sentAt = readMarker.sentAt(peer, caller, id).orElseThrow(() -> ApiException.notFound(
                "no message " + id + " from user " + peer + " to you"));
        return readMarker.markRead(caller, peer, sentAt, id, clock.instant());
    }

    private static UUID messageId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("up_to must be a message id (a UUID), was '" + value + "'");
        }
    }

    private static long peerId(PageCursor cursor) {
        try {
            return Long.parseLong(cursor.key());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("before must be a cursor from the " + PageCursor.NEXT_HEADER
                    + " header of a /dialogs page");
        }
    }
}
