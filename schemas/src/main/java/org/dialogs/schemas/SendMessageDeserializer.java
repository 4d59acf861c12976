package org.dialogs.schemas;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@link SendMessage} events written in Avro single-object encoding with any shipped schema version.
 * Bytes it cannot read raise a {@link SerializationException} that says why, never anything else; so do bytes
 * after the end of the body, which a correct writer never leaves.
 */
public class SendMessageDeserializer implements Deserializer<SendMessage> {

    private static final BinaryMessageDecoder<SendMessage> DECODER;

    static {
        AvroClassTrust.trust(SendMessage.class);
        DECODER = SendMessage.createDecoder(SchemaHistory.of("send-message").store());
    }

    @Override
    public SendMessage deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(data);
            SendMessage event = DECODER.decode(in, null);
            if (in.available() > 0) {
                throw new SerializationException(in.available() + " bytes after the end of the send-message body of "
                        + (data.length - in.available()) + " bytes");
            }
            return event;
        } catch (SerializationException e) {
            throw e;
        } catch (MissingSchemaException e) {
            throw new SerializationException("unknown schema fingerprint: the record was written with a "
                    + "send-message schema this reader does not ship (" + e.getMessage() + ")", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("not Avro single-object encoding: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("corrupt send-message body of " + data.length + " bytes: " + e, e);
        }
    }
}
