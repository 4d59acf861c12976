package org.dialogs.storage.citus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link ShardOperations}: how shards are copied when a tenant is isolated, and when shards are moved
 * (a tenant's move, a rebalance). Isolation does not block writes by default: it splits the tenant onto another
 * worker with logical replication ({@code force_logical}); {@code block-writes} isolates in place instead, as a
 * cluster with a single worker always does (see README, "Running on Citus").
 */
@ConfigurationProperties("dialogs.shard-operations")
public record ShardOperationsProperties(
        @DefaultValue("force-logical") ShardTransferMode isolationTransferMode,
        @DefaultValue("auto") ShardTransferMode moveTransferMode) {

    public ShardOperationsProperties {
        if (isolationTransferMode == null) {
            isolationTransferMode = ShardTransferMode.FORCE_LOGICAL;
        }
        if (moveTransferMode == null) {
            moveTransferMode = ShardTransferMode.AUTO;
        }
    }

    /** Isolation, moves and rebalances, all without blocking writes. */
    public static ShardOperationsProperties defaults() {
        return new ShardOperationsProperties(ShardTransferMode.FORCE_LOGICAL, ShardTransferMode.AUTO);
    }
}
