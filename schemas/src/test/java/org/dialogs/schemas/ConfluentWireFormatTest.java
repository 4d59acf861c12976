package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void encode_startsWithMagicZeroThenTheIdBigEndian_thenTheBareBody() {
        SendMessage event = SendMessages.valid().build();

        byte[] bytes = ConfluentWireFormat.encode(0x01020304, event);

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        // the body alone: the single-object encoding minus its 10-byte header (C3 01 and the fingerprint)
        byte[] singleObject = new SendMessageSerializer().serialize(Topics.SEND_MESSAGE, event);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length))
                .isEqualTo(Arrays.copyOfRange(singleObject, 10, singleObject.length));
    }

    @Test
    void schemaId_readsTheHeader() {
        assertThat(ConfluentWireFormat.schemaId(ConfluentWireFormat.encode(258, SendMessages.valid().build())))
                .isEqualTo(258);
    }

    @Test
    void schemaId_headerCutShort_isSerializationErrorSayingSo() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("needs 5 header bytes").hasMessageContaining("has 3");
    }
}
