package org.dialogs.schemas;

/**
 * The schema registry could not say what a schema id means: it is down, slow or failing. Not the record's fault,
 * so never a reason to dead-letter it: the batch is retried, as when the database is down.
 */
public class SchemaRegistryUnavailableException extends RuntimeException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
