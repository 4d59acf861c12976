package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class SendMessageRulesTest {

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
