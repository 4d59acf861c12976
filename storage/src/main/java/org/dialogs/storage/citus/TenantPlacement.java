package org.dialogs.storage.citus;

import java.util.List;

/**
 * Where a tenant lives: its shard of {@code messages} and the worker holding it, whether that shard holds this
 * tenant alone, the worker it is pinned to (null if none) and the shards of its group with their sizes.
 */
public record TenantPlacement(long tenantId, long shardId, WorkerNode node, boolean isolated, WorkerNode pinnedTo,
        List<ShardSize> shardGroup) {
}
