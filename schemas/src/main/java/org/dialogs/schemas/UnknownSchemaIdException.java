package org.dialogs.schemas;

import org.apache.kafka.common.errors.SerializationException;

/** A Confluent-framed record names a schema id the registry does not know (or not as an Avro schema): a bad record. */
public class UnknownSchemaIdException extends SerializationException {

    public UnknownSchemaIdException(String message) {
        super(message);
    }
}
