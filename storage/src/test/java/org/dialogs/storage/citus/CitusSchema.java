package org.dialogs.storage.citus;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh schema on the Citus cluster with the migrations applied, for one test class. Closing it removes the
 * schema and whatever the tests added to the cluster: its rebalance strategy, workers (which forget the cluster
 * again), orphaned shards, the records of the rebalances they ran.
 */
public final class CitusSchema implements AutoCloseable {

    public final String name = "dialogs_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    public final DataSource dataSource;
    public final JdbcClient jdbc;
    private final List<WorkerNode> nodesBefore;
    private final long lastJobBefore;

    private CitusSchema(CitusCluster cluster) {
        Properties properties = new Properties();
        properties.setProperty("currentSchema", name);
        // 8 shards rather than 32 per table: the same behaviour, a quarter of the shard moves on a small machine
        properties.setProperty("options", "-c citus.shard_count=8");
        SimpleDriverDataSource source = new SimpleDriverDataSource(new org.postgresql.Driver(), cluster.jdbcUrl);
        source.setConnectionProperties(properties);
        this.dataSource = source;
        this.jdbc = JdbcClient.create(source);
        this.nodesBefore = nodes();
        this.lastJobBefore = lastJob();
    }

    /** Creates the schema and runs the migrations in it. */
    public static CitusSchema create(CitusCluster cluster) {
        CitusSchema schema = new CitusSchema(cluster);
        Flyway.configure().dataSource(schema.dataSource).schemas(schema.name).load().migrate();
        return schema;
    }

    @Override
    public void close() {
        stopRebalance();
        jdbc.sql("DROP SCHEMA IF EXISTS " + name + " CASCADE").update();
        jdbc.sql("DELETE FROM pg_dist_rebalance_strategy WHERE name = :name")
                .param("name", "dialogs_pinned_" + name)
                .update();
        jdbc.sql("CALL citus_cleanup_orphaned_resources()").update();
        for (WorkerNode added : nodes()) {
            if (!nodesBefore.contains(added)) {
                remove(added);
            }
        }
        forgetJobs();
    }

    private void stopRebalance() {
        if (activeRebalance()) {
            jdbc.sql("SELECT citus_rebalance_stop()").query().listOfRows();
            Awaitility.await("the rebalance stops").atMost(Duration.ofMinutes(2)).until(() -> !activeRebalance());
        }
    }

    private boolean activeRebalance() {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM pg_dist_background_job
                                        WHERE state IN ('scheduled', 'running', 'cancelling', 'failing'))
                        """)
                .query(Boolean.class)
                .single();
    }

    private void remove(WorkerNode node) {
        // shards of other schemas that a rebalance put there go back to the other workers first
        jdbc.sql("SELECT citus_drain_node(:host, :port)")
                .param("host", node.host())
                .param("port", node.port())
                .query()
                .listOfRows();
        jdbc.sql("CALL citus_cleanup_orphaned_resources()").update();
        // the node forgets the cluster's metadata, so that it is a spare again
        jdbc.sql("SELECT stop_metadata_sync_to_node(:host, :port)")
                .param("host", node.host())
                .param("port", node.port())
                .query()
                .listOfRows();
        jdbc.sql("SELECT citus_remove_node(:host, :port)")
                .param("host", node.host())
                .param("port", node.port())
                .query()
                .listOfRows();
    }

    /** Removes the finished background jobs (rebalances) that the tests started, which Citus keeps as history. */
    private void forgetJobs() {
        jdbc.sql("DELETE FROM pg_dist_background_task WHERE job_id > :before").param("before", lastJobBefore).update();
        jdbc.sql("DELETE FROM pg_dist_background_job WHERE job_id > :before").param("before", lastJobBefore).update();
    }

    private long lastJob() {
        return jdbc.sql("SELECT coalesce(max(job_id), 0) FROM pg_dist_background_job").query(Long.class).single();
    }

    private List<WorkerNode> nodes() {
        return jdbc.sql("SELECT nodename, nodeport FROM pg_dist_node")
                .query((rs, row) -> new WorkerNode(rs.getString(1), rs.getInt(2)))
                .list();
    }
}
