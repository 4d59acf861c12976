package org.dialogs.storage.citus;

import org.dialogs.storage.citus.ShardPlacements.TenantLocation;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cuts a tenant out onto a shard of its own in every table of its colocation group
 * ({@code isolate_tenant_to_new_shard}, CASCADE), on the worker that held it; a tenant already alone on its shard
 * is left as it is.
 */
final class TenantIsolator {

    private static final String ISOLATE = """
            SELECT isolate_tenant_to_new_shard('messages', :tenant::bigint, 'CASCADE',
                                               shard_transfer_mode => :mode::citus.shard_transfer_mode)
            """;

    private TenantIsolator() {
    }

    static TenantShard isolate(JdbcClient jdbc, long tenant, ShardTransferMode mode) {
        TenantLocation before = ShardPlacements.locate(jdbc, tenant);
        if (before.isolated()) {
            return new TenantShard(Outcome.ALREADY_DONE, tenant, before.shardId(), before.node(),
                    "tenant " + tenant + " is already isolated on shard " + before.shardId() + " at " + before.node());
        }
        long shard = jdbc.sql(ISOLATE)
                .param("tenant", tenant)
                .param("mode", mode.sql())
                .query(Long.class)
                .single();
        TenantLocation after = ShardPlacements.locate(jdbc, tenant);
        return new TenantShard(Outcome.DONE, tenant, shard, after.node(),
                "tenant " + tenant + " isolated from shard " + before.shardId() + " onto shard " + shard + " at "
                        + after.node());
    }
}
