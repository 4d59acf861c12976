package org.dialogs.storage.citus;

/**
 * Where a tenant's shard group is after an isolation or a move: the tenant's shard of {@code messages} and the
 * worker holding it ({@code shardId} 0 and {@code node} null when the operation was {@link Outcome#BUSY}), and
 * whether writes to the shards it copied waited meanwhile ({@code block_writes}).
 */
public record TenantShard(Outcome outcome, long tenantId, long shardId, WorkerNode node, boolean writesBlocked,
        String message) {

    static TenantShard busy(long tenantId, String message) {
        return new TenantShard(Outcome.BUSY, tenantId, 0, null, false, message);
    }
}
