package org.dialogs.gateway.dialog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.dialogs.gateway.auth.CurrentUser;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.http.PageCursor;
import org.dialogs.gateway.http.PageLimit;
import org.dialogs.gateway.http.UserIds;
import org.dialogs.gateway.throttle.SenderThrottle;
import org.dialogs.gateway.throttle.Throttled;
import org.dialogs.gateway.user.KnownUsers;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sending a message (an event to Kafka) and reading a conversation (from the database). */
@RestController
class DialogController {

    static final int MAX_LIMIT = 1000;

    /** Set on a list that may miss the caller's newest message: the pipeline did not store it in time. */
    static final String POSSIBLY_STALE = "X-Dialogs-Possibly-Stale";

    private final KnownUsers users;
    private final MessagePublisher publisher;
    private final ConversationReader conversations;
    private final MessageIdGenerator ids;
    private final WriterProgress writerProgress;
    private final SendKeys sendKeys;
    private final SenderThrottle throttle;

    DialogController(KnownUsers users, MessagePublisher publisher, ConversationReader conversations,
            MessageIdGenerator ids, WriterProgress writerProgress, SendKeys sendKeys, SenderThrottle throttle) {
        this.users = users;
        this.publisher = publisher;
        this.conversations = conversations;
        this.ids = ids;
        this.writerProgress = writerProgress;
        this.sendKeys = sendKeys;
        this.throttle = throttle;
    }

    @Operation(summary = "Send a message", description = "200 once Kafka acknowledged it; the body holds the "
            + "new message's id (an addition). A retried send with the same Idempotency-Key header is stored once. "
            + "A sender flagged by the spam-detector is limited (429 beyond it) until an operator lifts the flag.")
    @PostMapping("/dialog/{user_id}/send")
    @Throttled
    Map<String, String> send(@CurrentUser long sender, @PathVariable("user_id") String userId,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody SendRequest request) {
        long recipient = UserIds.parse("user_id", userId);
        checkSend(sender, recipient, request.text(), idempotencyKey);
        UUID id = ids.next();
        if (idempotencyKey != null) {
            // a retry, through any gateway, publishes the first send's message again: the writer stores it once
            id = sendKeys.reserve(sender, idempotencyKey, id, recipient, request.text());
        }
        // after the checks: a bad request is still a 400
        throttle.acquire(sender);
        publisher.publish(SendMessage.newBuilder()
                .setMessageId(id)
                .setSenderId(sender)
                .setRecipientId(recipient)
                .setText(request.text())
                .setSentAt(Instant.ofEpochMilli(MessageIdGenerator.millisOf(id)))
                .setIdempotencyKey(idempotencyKey)
                .build());
        return Map.of("id", id.toString());
    }

    private void checkSend(long sender, long recipient, String text, String idempotencyKey) {
        if (recipient == sender) {
            throw ApiException.badRequest("you cannot send a message to yourself");
        }
        List<String> problems = SendMessageRules.textViolations(text);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        if (idempotencyKey != null) {
            problems = SendMessageRules.idempotencyKeyViolations(idempotencyKey);
            if (!problems.isEmpty()) {
                throw ApiException.badRequest("Idempotency-Key header: " + problems.get(0));
            }
        }
        if (!users.exists(recipient)) {
            throw ApiException.badRequest("no user with id " + recipient + " to send to");
        }
    }

    /**
     * The newest {@code limit} messages of the conversation with {@code user_id}, oldest first; with
     * {@code before}, the page before the one whose {@value PageCursor#NEXT_HEADER} header gave it.
     */
    @Operation(summary = "The conversation with a user, oldest first within a page",
            description = "Additions: `id`, `sent_at`, `read_at` per message; `limit` (default 100, max 1000); "
                    + "`before` pages back with the cursor from the X-Dialogs-Next-Cursor header. "
                    + "X-Dialogs-Possibly-Stale: true if a message you just sent is not stored yet.")
    @GetMapping("/dialog/{user_id}/list")
    ResponseEntity<List<DialogMessage>> list(@CurrentUser long caller, @PathVariable("user_id") String userId,
            @RequestParam(value = "limit", defaultValue = "100") int limit,
            @RequestParam(value = "before", required = false) String before) {
        long peer = UserIds.parse("user_id", userId);
        if (peer == caller) {
            throw ApiException.badRequest("there is no conversation with yourself: user_id is your own id");
        }
        PageLimit.check(limit, MAX_LIMIT);
        PageCursor cursor = before == null
                ? new PageCursor(ConversationReader.END_OF_TIME, ConversationReader.LAST_ID.toString())
                : PageCursor.decode("before", before);
        boolean fresh = writerProgress.awaitSendsOf(caller);
        List<DialogMessage> page = conversations.before(caller, peer, cursor.at(), messageId(cursor), limit);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!fresh) {
            answer.header(POSSIBLY_STALE, "true");
        }
        if (page.size() == limit) {
            DialogMessage oldest = page.get(0);
            String next = new PageCursor(oldest.sentAt(), oldest.id()).encode();
            answer.header(PageCursor.NEXT_HEADER, next)
                    .header(HttpHeaders.LINK, "</dialog/" + peer + "/list?limit=" + limit + "&before=" + next
                            + ">; rel=\"next\"");
        }
        return answer.body(page);
    }

    private static UUID messageId(PageCursor cursor) {
        try {
            return UUID.fromString(cursor.key());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("before must be a cursor from the " + PageCursor.NEXT_HEADER
                    + " header of a conversation page");
        }
    }
}
