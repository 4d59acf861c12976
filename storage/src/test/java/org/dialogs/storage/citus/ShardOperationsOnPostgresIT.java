package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dialogs.storage.MigratedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The migrations and the shard operations on plain PostgreSQL: ordinary tables, and no pretending to shard. */
class ShardOperationsOnPostgresIT {

    private static MigratedPostgres postgres;
    private static JdbcClient jdbc;
    private static ShardOperations operations;

    @BeforeAll
    static void start() {
        postgres = MigratedPostgres.start();
        jdbc = postgres.jdbc();
        operations = new ShardOperations(postgres.dataSource(), ShardOperationsProperties.defaults(),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void migrations_onPlainPostgres_leaveOrdinaryTables() {
        assertThat(jdbc.sql("""
                        SELECT relname FROM pg_class
                         WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> 'flyway_schema_history'
                        """)
                .query(String.class)
                .list()).containsExactlyInAnyOrder("users", "messages", "user_dialogs", "tenant_pins", "sender_flags",
                        "isolation_jobs", "send_keys", "throttle_buckets", "staged_by_sender",
                        "staged_by_recipient");
        assertThat(jdbc.sql("SELECT to_regclass('pg_dist_partition') IS NULL").query(Boolean.class).single()).isTrue();
        assertThat(operations.isCitusCluster()).isFalse();
    }

    @Test
    void isolateTenant_onPlainPostgres_saysItIsNotACitusCluster() {
        assertNotCitus(() -> operations.isolateTenant(5), "isolate tenant 5");
    }

    @Test
    void moveTenant_onPlainPostgres_saysItIsNotACitusClusterAndPinsNothing() {
        assertNotCitus(() -> operations.moveTenant(5, new WorkerNode("worker2", 5432)), "move tenant 5");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_pins").query(Long.class).single()).isZero();
    }

    @Test
    void unpinTenant_onPlainPostgres_saysItIsNotACitusCluster() {
        assertNotCitus(() -> operations.unpinTenant(5), "unpin tenant 5");
    }

    @Test
    void rebalancing_onPlainPostgres_saysItIsNotACitusCluster() {
        assertNotCitus(() -> operations.addWorkerAndRebalance(new WorkerNode("worker3", 5432)),
                "add worker worker3:5432");
        assertNotCitus(operations::rebalance, "rebalance");
        assertNotCitus(operations::rebalanceStatus, "read the rebalance status");
    }

    @Test
    void placements_onPlainPostgres_sayItIsNotACitusCluster() {
        assertNotCitus(() -> operations.placementOf(5), "locate tenant 5");
        assertNotCitus(operations::shardSizes, "list shard sizes");
        assertNotCitus(operations::nodes, "list nodes");
    }

    private static void assertNotCitus(ThrowingCallable operation, String named) {
        assertThatThrownBy(operation)
                .isInstanceOf(NotCitusClusterException.class)
                .hasMessage("cannot " + named + ": the database is not a Citus cluster"
                        + " (the citus extension is not installed)");
    }
}
