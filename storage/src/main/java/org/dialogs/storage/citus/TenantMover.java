package org.dialogs.storage.citus;

import java.sql.Timestamp;
import java.time.Instant;

import org.dialogs.storage.citus.ShardPlacements.TenantLocation;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a tenant's shard group to a chosen worker ({@code citus_move_shard_placement}, colocated shards with it)
 * and pins it there, so that the pinned-tenants rebalance strategy keeps it on that worker, alone.
 */
final class TenantMover {

    private static final String TARGET_ACCEPTS_SHARDS = """
            SELECT shouldhaveshards FROM pg_dist_node
             WHERE nodename = :host AND nodeport = :port AND noderole = 'primary' AND isactive
            """;

    private static final String MOVE = """
            SELECT citus_move_shard_placement(:shard, :fromHost, :fromPort, :toHost, :toPort,
                                              shard_transfer_mode => :mode::citus.shard_transfer_mode)
            """;

    private static final String PIN = """
            INSERT INTO tenant_pins (tenant_id, node_name, node_port, pinned_at)
            VALUES (:tenant, :host, :port, :now)
            ON CONFLICT (tenant_id) DO UPDATE
               SET node_name = EXCLUDED.node_name, node_port = EXCLUDED.node_port, pinned_at = EXCLUDED.pinned_at
            """;

    private TenantMover() {
    }

    static TenantShard moveAndPin(JdbcClient jdbc, long tenant, WorkerNode target, ShardTransferMode mode,
            Instant now) {
        requireShardsAllowed(jdbc, target);
        TenantLocation before = ShardPlacements.locate(jdbc, tenant);
        Outcome outcome = Outcome.ALREADY_DONE;
        if (!before.node().equals(target)) {
            jdbc.sql(MOVE)
                    .param("shard", before.shardId())
                    .param("fromHost", before.node().host())
                    .param("fromPort", before.node().port())
                    .param("toHost", target.host())
                    .param("toPort", target.port())
                    .param("mode", mode.sql())
                    .query()
                    .listOfRows();
            outcome = Outcome.DONE;
        }
        jdbc.sql(PIN)
                .param("tenant", tenant)
                .param("host", target.host())
                .param("port", target.port())
                .param("now", Timestamp.from(now))
                .update();
        String moved = outcome == Outcome.DONE ? " moved from " + before.node() + " to " : " already on ";
        return new TenantShard(outcome, tenant, before.shardId(), target,
                outcome == Outcome.DONE && mode == ShardTransferMode.BLOCK_WRITES,
                "shard group of tenant " + tenant + " (shard " + before.shardId() + ")" + moved + target
                        + ", pinned there" + (before.isolated() ? "" : "; it holds other tenants too"));
    }

    private static void requireShardsAllowed(JdbcClient jdbc, WorkerNode target) {
        boolean accepts = jdbc.sql(TARGET_ACCEPTS_SHARDS)
                .param("host", target.host())
                .param("port", target.port())
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException(target + " is not an active worker of this cluster"));
        if (!accepts) {
            // the rebalancer would move a pinned shard group away from a node that should have no shards
            throw new IllegalArgumentException(target + " takes no shards (shouldhaveshards is false)");
        }
    }
}
