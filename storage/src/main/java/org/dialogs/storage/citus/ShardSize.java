package org.dialogs.storage.citus;

/** One shard of a distributed table, the worker holding it and its size in bytes, from {@code citus_shards}. */
public record ShardSize(String table, long shardId, WorkerNode node, long bytes) {
}
