package org.dialogs.storage.citus;

/**
 * A primary node of the cluster: how many shards of distributed tables it holds, whether Citus places shards on it
 * ({@code shouldhaveshards}; false for the coordinator) and whether a tenant is pinned to it, which dedicates it.
 */
public record NodeLoad(WorkerNode node, boolean coordinator, boolean acceptsShards, long shardCount,
        boolean dedicated) {
}
