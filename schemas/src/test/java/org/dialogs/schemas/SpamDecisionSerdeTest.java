package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpamDecisionSerdeTest {

    @Test
    void roundTrip_flagged_keepsEveryField() {
        SpamDecision flagged = SpamDecision.newBuilder().setDecisionId(UUID.randomUUID()).setSenderId(42)
                .setAction(SpamAction.FLAGGED).setRule("messages-per-window").setObserved(250L).setWindowSeconds(10)
                .setDecidedAt(Instant.parse("2026-11-24T12:00:00Z")).setDecidedBy("spam-detector").build();

        byte[] bytes = new SpamDecisionSerializer().serialize(Topics.SPAM_DECISION, flagged);

        assertThat(new SpamDecisionDeserializer().deserialize(Topics.SPAM_DECISION, bytes)).isEqualTo(flagged);
    }

    @Test
    void deserialize_aSendMessage_saysTheFingerprintIsUnknown() {
        byte[] other = new SendMessageSerializer().serialize(Topics.SEND_MESSAGE, SendMessages.valid().build());

        assertThatThrownBy(() -> new SpamDecisionDeserializer().deserialize(Topics.SPAM_DECISION, other))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown spam-decision schema");
    }
}
