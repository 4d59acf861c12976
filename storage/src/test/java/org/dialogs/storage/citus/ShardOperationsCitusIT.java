package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shard operations on a real Citus cluster: isolation under steady writes, idempotence, one operation at a
 * time, a move that keeps every row, and a rebalance onto a new worker that respects a pinned tenant.
 */
class ShardOperationsCitusIT {

    /** The tables distributed by user, colocated with {@code messages}: a tenant's shard group. */
    private static final String[] SHARD_GROUP_TABLES = {"messages", "send_keys", "throttle_buckets", "user_dialogs",
        "users"};

    private static CitusCluster cluster;
    private static CitusSchema schema;
    private static ShardOperations operations;

    @BeforeAll
    static void migrate() {
        cluster = CitusCluster.orNull();
        if (cluster != null) {
            schema = CitusSchema.create(cluster);
            operations = new ShardOperations(schema.dataSource, ShardOperationsProperties.defaults(),
                    Clock.systemUTC());
        }
    }

    @BeforeEach
    void needsCitus() {
        CitusCluster.assumeAvailable();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void isolateTenant_whileAnotherThreadKeepsWritingMessagesAndDialogRows_losesNoRowAndFailsNoWrite()
            throws Exception {
        long tenant = 1001;
        long[] others = {1002, 1003, 1004};
        Messages.insert(schema.jdbc, tenant, 2_000);
        TenantShard isolated;
        try (SteadyWriter writer = SteadyWriter.start(schema.dataSource, 1001, 1002, 1003, 1004)) {
            writer.awaitWrittenBy(tenant, 50);

            isolated = operations.isolateTenant(tenant);

            writer.awaitWrittenBy(tenant, writer.writtenBy(tenant) + 50);
            writer.close();
            assertEveryWriteStored(writer, tenant, 2_000, others);
        }
        assertIsolated(isolated);
    }

    @Test
    void isolateTenant_nonBlockingWhileOnlyInsertsArrive_losesNoRowAndFailsNoWrite() throws Exception {
        ShardOperations nonBlocking = new ShardOperations(schema.dataSource,
                new ShardOperationsProperties(ShardTransferMode.AUTO, ShardTransferMode.AUTO), Clock.systemUTC());
        long tenant = 1101;
        long[] others = {1102, 1103, 1104};
        Messages.insert(schema.jdbc, tenant, 2_000);
        TenantShard isolated;
        long writesDuring;
        try (SteadyWriter writer = SteadyWriter.startInsertingOnly(schema.dataSource, 1101, 1102, 1103, 1104)) {
            writer.awaitWrittenBy(tenant, 50);
            long before = writer.total();

            isolated = nonBlocking.isolateTenant(tenant);

            writesDuring = writer.total() - before;
            writer.awaitWrittenBy(tenant, writer.writtenBy(tenant) + 50);
            writer.close();
            assertThat(writer.failures()).isEmpty();
            for (long sender : new long[] {1101, 1102, 1103, 1104}) {
                assertThat(Messages.count(schema.jdbc, sender))
                        .isEqualTo((sender == tenant ? 2_000 : 0) + writer.writtenBy(sender));
            }
        }
        assertIsolated(isolated);
        assertThat(writesDuring).as("writes committed while the tenant was being isolated").isPositive();
    }

    private static void assertEveryWriteStored(SteadyWriter writer, long tenant, long preloaded, long... others) {
        assertThat(writer.failures()).isEmpty();
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(preloaded + writer.writtenBy(tenant));
        assertThat(Messages.unread(schema.jdbc, tenant)).isEqualTo(writer.writtenBy(tenant));
        for (long other : others) {
            assertThat(Messages.count(schema.jdbc, other)).isEqualTo(writer.writtenBy(other));
            assertThat(Messages.unread(schema.jdbc, other)).isEqualTo(writer.writtenBy(other));
        }
    }

    private static void assertIsolated(TenantShard isolated) {
        assertThat(isolated.outcome()).as(isolated.message()).isEqualTo(Outcome.DONE);
        TenantPlacement placement = operations.placementOf(isolated.tenantId());
        assertThat(placement.isolated()).isTrue();
        assertThat(placement.shardId()).isEqualTo(isolated.shardId())
                .isEqualTo(Messages.shardOf(schema.jdbc, isolated.tenantId()));
        assertThat(placement.node()).isEqualTo(isolated.node());
        assertThat(placement.shardGroup()).extracting(ShardSize::table)
                .containsExactlyInAnyOrder(SHARD_GROUP_TABLES);
    }

    @Test
    void isolateTenant_twice_reportsTheSameShardAsAlreadyIsolated() {
        long tenant = 2001;
        Messages.insert(schema.jdbc, tenant, 10);

        TenantShard first = operations.isolateTenant(tenant);
        TenantShard second = operations.isolateTenant(tenant);

        assertThat(first.outcome()).isEqualTo(Outcome.DONE);
        assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(second.shardId()).isEqualTo(first.shardId());
        assertThat(second.node()).isEqualTo(first.node());
        assertThat(second.message()).contains("already isolated", Long.toString(first.shardId()));
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(10);
    }

    @Test
    void isolateTenant_whileAnotherShardOperationRuns_isRefusedAsBusy() throws Exception {
        long tenant = 3001;
        try (Connection other = schema.dataSource.getConnection(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + ShardOperationLock.KEY + ")");

            TenantShard refused = operations.isolateTenant(tenant);

            assertThat(refused.outcome()).isEqualTo(Outcome.BUSY);
            assertThat(refused.message()).contains("another shard operation is running");
            assertThat(operations.placementOf(tenant).isolated()).isFalse();
        }
        assertThat(operations.isolateTenant(tenant).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void moveTenant_toAnotherWorker_keepsEveryRowAndPinsItThere() {
        List<WorkerNode> workers = workers();
        Assumptions.assumeTrue(workers.size() >= 2, "moving a tenant needs at least two workers, the cluster has "
                + workers);
        long tenant = 4001;
        Messages.insert(schema.jdbc, tenant, 1_000);
        Messages.insert(schema.jdbc, 4002, 100);
        long allRows = Messages.countAll(schema.jdbc);
        operations.isolateTenant(tenant);
        WorkerNode from = operations.placementOf(tenant).node();
        WorkerNode to = workers.stream().filter(w -> !w.equals(from)).findFirst().orElseThrow();

        TenantShard moved = operations.moveTenant(tenant, to);

        assertThat(moved.outcome()).as(moved.message()).isEqualTo(Outcome.DONE);
        assertThat(moved.node()).isEqualTo(to);
        TenantPlacement placement = operations.placementOf(tenant);
        assertThat(placement.node()).isEqualTo(to);
        assertThat(placement.pinnedTo()).isEqualTo(to);
        assertThat(placement.shardGroup()).extracting(ShardSize::node).containsOnly(to);
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(1_000);
        assertThat(Messages.count(schema.jdbc, 4002)).isEqualTo(100);
        assertThat(Messages.countAll(schema.jdbc)).isEqualTo(allRows);
        assertThat(operations.moveTenant(tenant, to).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(operations.unpinTenant(tenant)).isTrue();
    }

    @Test
    void rebalance_afterAddingAWorker_keepsThePinnedTenantOnItsWorkerAndNothingElseThere() {
        WorkerNode spare = cluster.spareWorkerOrSkip();
        long tenant = 5001;
        Messages.insert(schema.jdbc, tenant, 500);
        operations.isolateTenant(tenant);
        WorkerNode home = operations.placementOf(tenant).node();
        assertThat(operations.moveTenant(tenant, home).outcome()).isEqualTo(Outcome.ALREADY_DONE);

        RebalanceJob job = operations.addWorkerAndRebalance(spare);

        assertThat(job.outcome()).as(job.message()).isEqualTo(Outcome.DONE);
        TenantShard meanwhile = operations.isolateTenant(5002);
        assertThat(meanwhile.outcome()).isEqualTo(Outcome.BUSY);
        assertThat(meanwhile.message()).contains("job " + job.jobId());
        List<RebalanceStatus> seen = new ArrayList<>();
        Awaitility.await("rebalance job " + job.jobId()).atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    RebalanceStatus status = operations.rebalanceStatus().orElseThrow();
                    seen.add(status);
                    return !status.active();
                });
        RebalanceStatus last = seen.get(seen.size() - 1);
        assertThat(last.jobId()).isEqualTo(job.jobId());
        assertThat(last.state()).as(last.details()).isEqualTo("finished");
        assertThat(seen.get(0).active()).as("status readable while the rebalance runs").isTrue();

        TenantPlacement placement = operations.placementOf(tenant);
        assertThat(placement.node()).isEqualTo(home);
        assertThat(placement.shardGroup()).extracting(ShardSize::node).containsOnly(home);
        Set<Long> group = placement.shardGroup().stream().map(ShardSize::shardId).collect(Collectors.toSet());
        List<ShardSize> shards = operations.shardSizes();
        assertThat(shards).filteredOn(s -> s.node().equals(home)).extracting(ShardSize::shardId)
                .as("shards on the dedicated worker " + home).allMatch(group::contains);
        assertThat(shards).filteredOn(s -> s.node().equals(spare)).as("shards on the new worker").isNotEmpty();
        assertThat(operations.nodes()).filteredOn(n -> n.node().equals(home)).singleElement()
                .satisfies(n -> assertThat(n.dedicated()).isTrue());
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(500);
        assertThat(operations.unpinTenant(tenant)).isTrue();
    }

    @Test
    void placementOf_aTenant_namesItsShardWorkerAndShardGroupSizes() {
        long tenant = 6001;
        Messages.insert(schema.jdbc, tenant, 200);

        TenantPlacement placement = operations.placementOf(tenant);

        assertThat(placement.shardId()).isEqualTo(Messages.shardOf(schema.jdbc, tenant));
        assertThat(placement.pinnedTo()).isNull();
        assertThat(placement.shardGroup()).extracting(ShardSize::table)
                .containsExactlyInAnyOrder(SHARD_GROUP_TABLES);
        assertThat(placement.shardGroup()).extracting(ShardSize::node).containsOnly(placement.node());
        assertThat(placement.shardGroup()).filteredOn(s -> s.table().equals("messages")).singleElement()
                .satisfies(s -> assertThat(s.bytes()).isPositive());
        assertThat(operations.nodes()).filteredOn(n -> n.node().equals(placement.node())).singleElement()
                .satisfies(n -> assertThat(n.shardCount()).isPositive());
        assertThat(operations.nodes()).filteredOn(NodeLoad::coordinator).allSatisfy(n ->
                assertThat(n.acceptsShards()).isFalse());
    }

    private static List<WorkerNode> workers() {
        return operations.nodes().stream().filter(NodeLoad::acceptsShards).map(NodeLoad::node).toList();
    }
}
