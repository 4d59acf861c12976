package org.dialogs.schemas;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes {@link SendMessage} events in Avro single-object encoding (a schema fingerprint, then the binary body). */
public class SendMessageSerializer implements Serializer<SendMessage> {

    @Override
    public byte[] serialize(String topic, SendMessage event) {
        if (event == null) {
            return null;
        }
        try {
            return SendMessage.getEncoder().encode(event).array();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode send-message event " + event.getMessageId(), e);
        }
    }
}
