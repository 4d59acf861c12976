package org.dialogs.schemas;

import org.apache.avro.Schema;

/**
 * Where the schemas of Confluent-framed records come from, by the id in the frame: a schema registry.
 * An id it does not know is the record's fault; a registry it cannot reach is not.
 */
public interface WriterSchemas {

    /**
     * The Avro schema registered under {@code id}.
     *
     * @throws UnknownSchemaIdException if the registry answers that no schema has that id, or that it is no Avro schema
     * @throws SchemaRegistryUnavailableException if the registry cannot be asked or answers with an error of its own
     */
    Schema byId(int id);
}
