package org.dialogs.storage.citus;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.dialogs.storage.citus.IsolationTarget.Choice;
import org.dialogs.storage.citus.ShardPlacements.TenantLocation;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cuts a tenant out onto a shard of its own in every table of its colocation group. Without blocking writes, it
 * splits the shard group with logical replication onto another worker, the tenant's piece staying there and the
 * rest moved back; with {@code block_writes}, or when the cluster has a single worker, it isolates in place
 * ({@code isolate_tenant_to_new_shard}). A tenant already alone on its shard is left as it is.
 */
final class TenantIsolator {

    private static final String ISOLATE_IN_PLACE = """
            SELECT isolate_tenant_to_new_shard('messages', :tenant::bigint, 'CASCADE',
                                               shard_transfer_mode => 'block_writes')
            """;

    private static final String SHARD_RANGE = """
            SELECT shardminvalue::integer AS min, shardmaxvalue::integer AS max,
                   worker_hash(:tenant::bigint) AS hash
              FROM pg_dist_shard WHERE shardid = :shard
            """;

    private static final String SPLIT = """
            SELECT citus_split_shard_by_split_points(:shard, string_to_array(:points, ','),
                                                     string_to_array(:nodes, ',')::integer[],
                                                     shard_transfer_mode => :mode::citus.shard_transfer_mode)
            """;

    /** The shards of {@code messages} cut from the old range, other than the tenant's. */
    private static final String REMAINDERS = """
            SELECT shardid FROM pg_dist_shard
             WHERE logicalrelid = 'messages'::regclass
               AND shardminvalue::integer >= :min AND shardmaxvalue::integer <= :max AND shardid <> :tenantShard
             ORDER BY shardminvalue::integer
            """;

    private static final String MOVE = """
            SELECT citus_move_shard_placement(:shard, :fromHost, :fromPort, :toHost, :toPort,
                                              shard_transfer_mode => :mode::citus.shard_transfer_mode)
            """;

    private TenantIsolator() {
    }

    static TenantShard isolate(JdbcClient jdbc, long tenant, ShardTransferMode mode, Optional<WorkerNode> target) {
        TenantLocation before = ShardPlacements.locate(jdbc, tenant);
        if (before.isolated()) {
            return new TenantShard(Outcome.ALREADY_DONE, tenant, before.shardId(), before.node(), false,
                    "tenant " + tenant + " is already isolated on shard " + before.shardId() + " at " + before.node());
        }
        if (mode == ShardTransferMode.BLOCK_WRITES) {
            return inPlace(jdbc, tenant, before, "block_writes, as configured");
        }
        Optional<Choice> choice = IsolationTarget.choose(jdbc, tenant, before.node(), target);
        if (choice.isEmpty()) {
            return inPlace(jdbc, tenant, before, "block_writes, as the cluster has a single worker and Citus's"
                    + " non-blocking split on the same worker never ends while rows of the shard are updated");
        }
        return split(jdbc, tenant, before, choice.get(), mode);
    }

    private static TenantShard inPlace(JdbcClient jdbc, long tenant, TenantLocation before, String why) {
        long shard = jdbc.sql(ISOLATE_IN_PLACE).param("tenant", tenant).query(Long.class).single();
        TenantLocation after = ShardPlacements.locate(jdbc, tenant);
        return new TenantShard(Outcome.DONE, tenant, shard, after.node(), true,
                "tenant " + tenant + " isolated from shard " + before.shardId() + " onto shard " + shard + " at "
                        + after.node() + ", writes to its shard group waiting meanwhile (" + why + ")");
    }

    private static TenantShard split(JdbcClient jdbc, long tenant, TenantLocation before, Choice choice,
            ShardTransferMode mode) {
        ShardSplit split = jdbc.sql(SHARD_RANGE)
                .param("tenant", tenant)
                .param("shard", before.shardId())
                .query((rs, row) -> new ShardSplit(before.shardId(), rs.getInt("min"), rs.getInt("max"),
                        rs.getInt("hash")))
                .single();
        WorkerNode target = choice.worker().node();
        String nodes = String.join(",", Collections.nCopies(split.pieces(),
                String.valueOf(choice.worker().nodeId())));
        // every piece to the other worker: a piece left on the source worker gets its replica identity only after
        // the replication slot exists, so an update in between stops the split (Citus 13.2)
        jdbc.sql(SPLIT)
                .param("shard", before.shardId())
                .param("points", split.pointsAsText())
                .param("nodes", nodes)
                .param("mode", mode.sql())
                .query()
                .listOfRows();
        TenantLocation after = ShardPlacements.locate(jdbc, tenant);
        List<Long> remainders = jdbc.sql(REMAINDERS)
                .param("min", split.min())
                .param("max", split.max())
                .param("tenantShard", after.shardId())
                .query(Long.class)
                .list();
        for (long remainder : remainders) {
            move(jdbc, remainder, target, before.node(), mode);
        }
        return new TenantShard(Outcome.DONE, tenant, after.shardId(), after.node(), false,
                "tenant " + tenant + " isolated from shard " + before.shardId() + " at " + before.node()
                        + " onto shard " + after.shardId() + " at " + target + " (" + choice.reason()
                        + ") without blocking writes (" + mode.sql() + "); the rest of its old shard, shards "
                        + remainders + ", moved back to " + before.node());
    }

    private static void move(JdbcClient jdbc, long shard, WorkerNode from, WorkerNode to, ShardTransferMode mode) {
        jdbc.sql(MOVE)
                .param("shard", shard)
                .param("fromHost", from.host())
                .param("fromPort", from.port())
                .param("toHost", to.host())
                .param("toPort", to.port())
                .param("mode", mode.sql())
                .query()
                .listOfRows();
    }
}
