package org.dialogs.storage.citus;

/** How Citus copies a shard ({@code citus.shard_transfer_mode}). */
public enum ShardTransferMode {

    /** Logical replication while writes go on; refuses tables without a replica identity (ours all have one). */
    AUTO("auto"),
    /** Logical replication even without a replica identity; updates and deletes on such tables then fail. */
    FORCE_LOGICAL("force_logical"),
    /** COPY while writes to the shards being copied wait (reads go on). */
    BLOCK_WRITES("block_writes");

    private final String sql;

    ShardTransferMode(String sql) {
        this.sql = sql;
    }

    /** The value Citus takes. */
    public String sql() {
        return sql;
    }
}
