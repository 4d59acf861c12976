package org.dialogs.storage.citus;

/**
 * One shard transfer of a running rebalance, from {@code get_rebalance_progress()}: {@code progress} is 0 while
 * it waits, 1 while it copies, 2 when done; the sizes are in bytes.
 */
public record ShardMove(String table, long shardId, WorkerNode source, WorkerNode target, int progress,
        long sourceBytes, long targetBytes, String status) {
}
