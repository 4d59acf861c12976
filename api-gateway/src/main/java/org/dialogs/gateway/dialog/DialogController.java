package org.dialogs.gateway.dialog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dialogs.gateway.auth.CurrentUser;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.http.UserIds;
import org.dialogs.gateway.user.UserRepository;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageRules;
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

    private final UserRepository users;
    private final MessagePublisher publisher;
    private final ConversationReader conversations;
    private final MessageIdGenerator ids;
    private final ReadYourWrites readYourWrites;

    DialogController(UserRepository users, MessagePublisher publisher, ConversationReader conversations,
            MessageIdGenerator ids, ReadYourWrites readYourWrites) {
        this.users = users;
        this.publisher = publisher;
        this.conversations = conversations;
        this.ids = ids;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/dialog/{user_id}/send")
    Map<String, String> send(@CurrentUser long sender, @PathVariable("user_id") String userId,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody SendRequest request) {
        long recipient = UserIds.parse("user_id", userId);
        if (recipient == sender) {
            throw ApiException.badRequest("you cannot send a message to yourself");
        }
        List<String> problems = SendMessageRules.textViolations(request.text());
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank()
                || idempotencyKey.length() > SendMessageRules.MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to "
                    + SendMessageRules.MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        if (!users.exists(recipient)) {
            throw ApiException.badRequest("no user with id " + recipient + " to send to");
        }
        UUID id = ids.next();
        publisher.publish(SendMessage.newBuilder()
                .setMessageId(id)
                .setSenderId(sender)
                .setRecipientId(recipient)
                .setText(request.text())
                .setSentAt(Instant.ofEpochMilli(MessageIdGenerator.millisOf(id)))
                .setIdempotencyKey(idempotencyKey)
                .build());
        readYourWrites.published(sender, recipient, id);
        return Map.of("id", id.toString());
    }

    @GetMapping("/dialog/{user_id}/list")
    ResponseEntity<List<DialogMessage>> list(@CurrentUser long caller, @PathVariable("user_id") String userId,
            @RequestParam(value = "limit", defaultValue = "100") int limit) {
        long peer = UserIds.parse("user_id", userId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        boolean fresh = readYourWrites.awaitConversation(caller, peer);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!fresh) {
            answer.header(POSSIBLY_STALE, "true");
        }
        return answer.body(conversations.latest(caller, peer, limit));
    }
}
