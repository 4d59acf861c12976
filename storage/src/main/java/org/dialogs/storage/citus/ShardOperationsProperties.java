package org.dialogs.storage.citus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link ShardOperations}: how shards are copied when a tenant is isolated, and when shards are moved
 * (a tenant's move, a rebalance). Isolation blocks writes by default: on Citus 13 a non-blocking isolation never
 * ends while rows of the shard are updated (see README, "Running on Citus").
 */
@ConfigurationProperties("dialogs.shard-operations")
public record ShardOperationsProperties(
        @DefaultValue("block-writes") ShardTransferMode isolationTransferMode,
        @DefaultValue("auto") ShardTransferMode moveTransferMode) {

    public ShardOperationsProperties {
        if (isolationTransferMode == null) {
            isolationTransferMode = ShardTransferMode.BLOCK_WRITES;
        }
        if (moveTransferMode == null) {
            moveTransferMode = ShardTransferMode.AUTO;
        }
    }

    /** Isolation with writes to the tenant's shard waiting meanwhile, moves and rebalances without. */
    public static ShardOperationsProperties defaults() {
        return new ShardOperationsProperties(ShardTransferMode.BLOCK_WRITES, ShardTransferMode.AUTO);
    }
}
