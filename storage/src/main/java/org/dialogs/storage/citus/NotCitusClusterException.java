package org.dialogs.storage.citus;

/** Thrown by every shard operation on a database without the citus extension: there are no shards to operate. */
public class NotCitusClusterException extends IllegalStateException {

    NotCitusClusterException(String operation) {
        super("cannot " + operation + ": the database is not a Citus cluster (the citus extension is not installed)");
    }
}
