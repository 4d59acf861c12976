package org.dialogs.storage.citus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adds workers and rebalances the cluster in the background ({@code citus_rebalance_start}) with the strategy
 * that honours tenant pins, and reads how the latest rebalance is doing.
 */
final class ClusterRebalancer {

    private static final String PINNED_STRATEGY = """
            SELECT name FROM pg_dist_rebalance_strategy
             WHERE shard_allowed_on_node_function = to_regproc('tenant_shard_allowed_on_node')
            """;

    private static final String START = """
            SELECT citus_rebalance_start(rebalance_strategy => :strategy::name,
                                         shard_transfer_mode => :mode::citus.shard_transfer_mode)
            """;

    private static final String STATUS = """
            SELECT job_id, state::text AS state, started_at, finished_at, details::text AS details
              FROM citus_rebalance_status()
            """;

    private static final String PROGRESS = """
            SELECT table_name::text AS table_name, shardid, sourcename, sourceport, targetname, targetport,
                   progress, source_shard_size, target_shard_size, status
              FROM get_rebalance_progress()
             ORDER BY shardid
            """;

    private ClusterRebalancer() {
    }

    static RebalanceJob addWorkerAndRebalance(JdbcClient jdbc, WorkerNode worker, ShardTransferMode mode) {
        jdbc.sql("SELECT citus_add_node(:host, :port)")
                .param("host", worker.host())
                .param("port", worker.port())
                .query(Integer.class)
                .single();
        return rebalance(jdbc, mode);
    }

    static RebalanceJob rebalance(JdbcClient jdbc, ShardTransferMode mode) {
        String strategy = jdbc.sql(PINNED_STRATEGY).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("no rebalance strategy honours the tenant pins of this"
                        + " schema; have the migrations run on the coordinator since Citus was installed?"));
        Optional<Long> job = jdbc.sql(START)
                .param("strategy", strategy)
                .param("mode", mode.sql())
                .query((rs, row) -> rs.getObject(1, Long.class))
                .optional();
        return job.map(id -> new RebalanceJob(Outcome.DONE, id, "rebalance job " + id + " started with strategy "
                        + strategy))
                .orElseGet(() -> new RebalanceJob(Outcome.ALREADY_DONE, 0, "nothing to move with strategy "
                        + strategy));
    }

    static Optional<RebalanceStatus> status(JdbcClient jdbc) {
        List<ShardMove> moves = jdbc.sql(PROGRESS).query(ClusterRebalancer::move).list();
        return jdbc.sql(STATUS)
                .query((rs, row) -> new RebalanceStatus(rs.getLong("job_id"), rs.getString("state"),
                        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                        rs.getString("details"), moves))
                .optional();
    }

    private static ShardMove move(ResultSet rs, int row) throws SQLException {
        return new ShardMove(rs.getString("table_name"), rs.getLong("shardid"),
                new WorkerNode(rs.getString("sourcename"), rs.getInt("sourceport")),
                new WorkerNode(rs.getString("targetname"), rs.getInt("targetport")), rs.getInt("progress"),
                rs.getLong("source_shard_size"), rs.getLong("target_shard_size"), rs.getString("status"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
