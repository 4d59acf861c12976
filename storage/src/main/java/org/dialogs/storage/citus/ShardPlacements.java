package org.dialogs.storage.citus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads where tenants and shards are: Citus metadata on the coordinator, and shard sizes from the workers. */
final class ShardPlacements {

    /** A tenant's shard of {@code messages}, whether it holds that tenant alone, and its worker. */
    record TenantLocation(long shardId, boolean isolated, WorkerNode node) {
    }

    private static final String LOCATE = """
            SELECT s.shardid, n.nodename, n.nodeport,
                   s.shardminvalue = s.shardmaxvalue
                       AND s.shardminvalue::integer = worker_hash(:tenant::bigint) AS isolated
              FROM pg_dist_shard s
              JOIN pg_dist_placement p ON p.shardid = s.shardid
              JOIN pg_dist_node n ON n.groupid = p.groupid AND n.noderole = 'primary'
             WHERE s.shardid = get_shard_id_for_distribution_column('messages', :tenant::bigint)
            """;

    private static final String SHARD_GROUP = """
            SELECT table_name::text AS table_name, shardid, nodename, nodeport, coalesce(shard_size, 0) AS bytes
              FROM citus_shards
             WHERE shardid IN (SELECT get_shard_id_for_distribution_column(logicalrelid, :tenant::bigint)
                                 FROM pg_dist_partition
                                WHERE colocationid = (SELECT colocationid FROM pg_dist_partition
                                                       WHERE logicalrelid = 'messages'::regclass))
             ORDER BY table_name::text
            """;

    private static final String SHARD_SIZES = """
            SELECT table_name::text AS table_name, shardid, nodename, nodeport, coalesce(shard_size, 0) AS bytes
              FROM citus_shards
             WHERE citus_table_type = 'distributed'
             ORDER BY shard_size DESC NULLS LAST, shardid
            """;

    private static final String NODES = """
            SELECT n.nodename, n.nodeport, n.groupid = 0 AS coordinator, n.shouldhaveshards,
                   count(s.shardid) AS shard_count,
                   EXISTS (SELECT 1 FROM tenant_pins t
                            WHERE t.node_name = n.nodename AND t.node_port = n.nodeport) AS dedicated
              FROM pg_dist_node n
              LEFT JOIN pg_dist_placement p ON p.groupid = n.groupid
              LEFT JOIN pg_dist_shard s ON s.shardid = p.shardid
                    AND s.logicalrelid IN (SELECT logicalrelid FROM pg_dist_partition WHERE partmethod = 'h')
             WHERE n.noderole = 'primary' AND n.isactive
             GROUP BY n.nodeid, n.nodename, n.nodeport, n.groupid, n.shouldhaveshards
             ORDER BY n.nodeid
            """;

    private ShardPlacements() {
    }

    static TenantLocation locate(JdbcClient jdbc, long tenant) {
        return jdbc.sql(LOCATE)
                .param("tenant", tenant)
                .query((rs, row) -> new TenantLocation(rs.getLong("shardid"), rs.getBoolean("isolated"), node(rs)))
                .single();
    }

    static TenantPlacement tenant(JdbcClient jdbc, long tenant) {
        TenantLocation location = locate(jdbc, tenant);
        WorkerNode pinnedTo = jdbc.sql("SELECT node_name, node_port FROM tenant_pins WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query((rs, row) -> new WorkerNode(rs.getString("node_name"), rs.getInt("node_port")))
                .optional()
                .orElse(null);
        List<ShardSize> group = jdbc.sql(SHARD_GROUP).param("tenant", tenant).query(ShardPlacements::shard).list();
        return new TenantPlacement(tenant, location.shardId(), location.node(), location.isolated(), pinnedTo, group);
    }

    static List<ShardSize> shardSizes(JdbcClient jdbc) {
        return jdbc.sql(SHARD_SIZES).query(ShardPlacements::shard).list();
    }

    static List<NodeLoad> nodes(JdbcClient jdbc) {
        return jdbc.sql(NODES)
                .query((rs, row) -> new NodeLoad(node(rs), rs.getBoolean("coordinator"),
                        rs.getBoolean("shouldhaveshards"), rs.getLong("shard_count"), rs.getBoolean("dedicated")))
                .list();
    }

    private static ShardSize shard(ResultSet rs, int row) throws SQLException {
        return new ShardSize(rs.getString("table_name"), rs.getLong("shardid"), node(rs), rs.getLong("bytes"));
    }

    private static WorkerNode node(ResultSet rs) throws SQLException {
        return new WorkerNode(rs.getString("nodename"), rs.getInt("nodeport"));
    }
}
