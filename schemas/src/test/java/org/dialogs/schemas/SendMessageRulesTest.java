package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SendMessageRulesTest {

    private static final Instant BROKER_TIME = Instant.parse("2026-11-24T10:15:31Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void violationsOfRecord_keyIsSenderAndSentAtBeforeBrokerTime_none() {
        SendMessage event = SendMessages.valid().setSenderId(17).build();

        assertThat(SendMessageRules.violations("17", event, BROKER_TIME, SKEW)).isEmpty();
    }

    @Test
    void violationsOfRecord_keyNotTheSender_isRejected() {
        SendMessage event = SendMessages.valid().setSenderId(17).build();

        assertThat(SendMessageRules.violations("18", event, BROKER_TIME, SKEW))
                .containsExactly("the record key must be the sender id 17, was '18'");
        assertThat(SendMessageRules.violations(null, event, BROKER_TIME, SKEW))
                .containsExactly("the record key must be the sender id 17, was none");
        assertThat(SendMessageRules.violations("017", event, BROKER_TIME, SKEW)).hasSize(1);
    }

    @Test
    void violationsOfRecord_sentAtFarAhead_isRejected() {
        SendMessage event = SendMessages.valid().setSentAt(Instant.ofEpochMilli(10_000_000_000_000_000L)).build();

        assertThat(SendMessageRules.violations("1", event, BROKER_TIME, SKEW)).singleElement().asString()
                .startsWith("sent_at must be at most 300 s after the record's timestamp 2026-11-24T10:15:31Z");
    }

    @Test
    void sentAtViolations_withinSkewAhead_isValid() {
        assertThat(SendMessageRules.sentAtViolations(BROKER_TIME.plus(SKEW), BROKER_TIME, SKEW)).isEmpty();
        assertThat(SendMessageRules.sentAtViolations(BROKER_TIME.plus(SKEW).plusMillis(1), BROKER_TIME, SKEW))
                .hasSize(1);
    }

    @Test
    void sentAtViolations_beforeTheFloorOrAtTheLongRangeEnds_isRejected() {
        assertThat(SendMessageRules.sentAtViolations(Instant.EPOCH, BROKER_TIME, SKEW))
                .containsExactly("sent_at must not be before 2020-01-01T00:00:00Z, was 1970-01-01T00:00:00Z");
        assertThat(SendMessageRules.sentAtViolations(Instant.ofEpochMilli(Long.MIN_VALUE), BROKER_TIME, SKEW))
                .hasSize(1);
        assertThat(SendMessageRules.sentAtViolations(Instant.ofEpochMilli(Long.MAX_VALUE), BROKER_TIME, SKEW))
                .hasSize(1);
    }

    @Test
    void sentAtViolations_oldButAfterTheFloor_isValid() {
        assertThat(SendMessageRules.sentAtViolations(Instant.parse("2021-03-01T00:00:00Z"), BROKER_TIME, SKEW))
                .isEmpty();
    }

    @Test
    void violations_validEvent_none() {
        assertThat(SendMessageRules.violations(SendMessages.valid().build())).isEmpty();
    }

    @Test
    void violations_negativeSender_namesTheField() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setSenderId(-5).build()))
                .containsExactly("sender_id must be positive, was -5");
    }

    @Test
    void violations_toSelf_isRejected() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setSenderId(3).setRecipientId(3).build()))
                .containsExactly("recipient_id must differ from sender_id");
    }

    @Test
    void violations_textOverLimit_saysTheLength() {
        String text = "ы".repeat(SendMessageRules.MAX_TEXT_LENGTH + 1);

        assertThat(SendMessageRules.violations(SendMessages.valid().setText(text).build()))
                .containsExactly("text must be at most 4096 characters, was 4097");
    }

    @Test
    void violations_textAtLimitInAstralCharacters_isValid() {
        String text = "😀".repeat(SendMessageRules.MAX_TEXT_LENGTH);

        assertThat(SendMessageRules.violations(SendMessages.valid().setText(text).build())).isEmpty();
    }

    @Test
    void violations_blankText_isRejected() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setText(" \t\n").build()))
                .containsExactly("text must not be empty or only white space");
    }

    @Test
    void violations_notVersion7Id_isRejected() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setMessageId(UUID.randomUUID()).build()))
                .containsExactly("message_id must be a UUIDv7");
    }

    @Test
    void violations_loneSurrogateInText_isRejected() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setText("ok \uD83D then").build()))
                .containsExactly("text must be valid Unicode: it holds half of a surrogate pair");
    }

    @Test
    void violations_nulInText_isRejected() {
        assertThat(SendMessageRules.violations(SendMessages.valid().setText("a\u0000b").build()))
                .containsExactly("text must not contain the NUL character");
    }

    @Test
    void idempotencyKeyViolations_spaceOrControlCharacter_isRejected() {
        assertThat(SendMessageRules.idempotencyKeyViolations("retry 1")).hasSize(1);
        assertThat(SendMessageRules.idempotencyKeyViolations("retry\u00001")).hasSize(1);
        assertThat(SendMessageRules.idempotencyKeyViolations("x".repeat(129))).hasSize(1);
        assertThat(SendMessageRules.idempotencyKeyViolations("order-42:retry_1")).isEmpty();
    }
}
