package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Isolation on a real Citus cluster of two or more workers while writers upsert dialog rows of the tenant and of
 * the other users of its shard group, as the message-writer does: by default it ends within a bound without
 * blocking a write, the tenant alone on a shard on another worker; with {@code block_writes} the writes wait.
 */
class NonBlockingIsolationCitusIT {

    /** Well above the 10-55 s it took on a loaded 2-core machine; a same-worker non-blocking split never ends. */
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final int PRELOADED = 100_000;

    /** The tables distributed by user, colocated with {@code messages}: a tenant's shard group. */
    private static final String[] SHARD_GROUP_TABLES = {"messages", "send_keys", "throttle_buckets", "user_dialogs",
        "users"};

    private static CitusSchema schema;
    private static ShardOperations operations;

    @BeforeAll
    static void migrate() {
        CitusCluster cluster = CitusCluster.orNull();
        if (cluster != null) {
            schema = CitusSchema.create(cluster);
            operations = new ShardOperations(schema.dataSource, ShardOperationsProperties.defaults(),
                    Clock.systemUTC());
        }
    }

    @BeforeEach
    void needsTwoWorkers() {
        CitusCluster.assumeAvailable();
        Assumptions.assumeTrue(workers().size() >= 2, "isolating onto another worker needs two workers, the cluster"
                + " has " + workers());
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void isolateTenant_whileItsShardGroupsDialogRowsAreUpserted_endsInBoundWithoutFailingOrStallingAWrite()
            throws Exception {
        long tenant = 7001;
        long[] neighbours = Messages.sameShardAs(schema.jdbc, tenant, 3);
        Messages.insert(schema.jdbc, tenant, PRELOADED);
        WorkerNode home = operations.placementOf(tenant).node();
        TenantShard isolated;
        Duration took;
        Duration stall;
        long writesDuring;
        Duration usual;
        try (SteadyWriter writer = SteadyWriter.startConcurrent(schema.dataSource, 4, senders(tenant, neighbours))) {
            writer.awaitTotal(200);
            usual = longestOfTheNext(writer, 500);
            long before = writer.total();
            long start = System.nanoTime();

            isolated = withinBound(() -> operations.isolateTenant(tenant));

            took = Duration.ofNanos(System.nanoTime() - start);
            stall = writer.longestWrite();
            writesDuring = writer.total() - before;
            writer.awaitWrittenBy(tenant, writer.writtenBy(tenant) + 50);
            writer.close();
            assertEveryWriteStored(writer, tenant, neighbours);
        }
        System.out.printf("non-blocking isolation under upserts: %d ms, longest write %d ms (%d ms in 500 writes"
                + " before), %d writes meanwhile%n", took.toMillis(), stall.toMillis(), usual.toMillis(), writesDuring);
        assertThat(isolated.outcome()).as(isolated.message()).isEqualTo(Outcome.DONE);
        assertThat(isolated.writesBlocked()).as(isolated.message()).isFalse();
        assertThat(writesDuring).as("writes committed while the tenant was being isolated").isPositive();
        assertAloneOnAnotherWorker(isolated, home, neighbours);
    }

    @Test
    void isolateTenant_blockWritesWhileItsShardGroupsDialogRowsAreUpserted_losesNothingButWritesWait()
            throws Exception {
        ShardOperations blocking = new ShardOperations(schema.dataSource,
                new ShardOperationsProperties(ShardTransferMode.BLOCK_WRITES, ShardTransferMode.AUTO),
                Clock.systemUTC());
        long tenant = 7101;
        long[] neighbours = Messages.sameShardAs(schema.jdbc, tenant, 3);
        Messages.insert(schema.jdbc, tenant, PRELOADED);
        WorkerNode home = operations.placementOf(tenant).node();
        TenantShard isolated;
        Duration took;
        Duration stall;
        Duration usual;
        try (SteadyWriter writer = SteadyWriter.startConcurrent(schema.dataSource, 4, senders(tenant, neighbours))) {
            writer.awaitTotal(200);
            usual = longestOfTheNext(writer, 500);
            long start = System.nanoTime();

            isolated = withinBound(() -> blocking.isolateTenant(tenant));

            took = Duration.ofNanos(System.nanoTime() - start);
            stall = writer.longestWrite();
            writer.awaitWrittenBy(tenant, writer.writtenBy(tenant) + 50);
            writer.close();
            assertEveryWriteStored(writer, tenant, neighbours);
        }
        System.out.printf("blocking isolation under upserts: %d ms, longest write %d ms (%d ms in 500 writes before)%n",
                took.toMillis(), stall.toMillis(), usual.toMillis());
        assertThat(isolated.outcome()).as(isolated.message()).isEqualTo(Outcome.DONE);
        assertThat(isolated.writesBlocked()).isTrue();
        assertThat(isolated.message()).contains("block_writes");
        assertThat(isolated.node()).isEqualTo(home);
        assertThat(operations.placementOf(tenant).isolated()).isTrue();
    }

    @Test
    void isolateTenant_toANamedWorker_putsItsShardThereAndTheRestOfItsOldShardStaysHome() {
        long tenant = 7201;
        long[] neighbours = Messages.sameShardAs(schema.jdbc, tenant, 2);
        Messages.insert(schema.jdbc, tenant, 100);
        Messages.insert(schema.jdbc, neighbours[0], 10);
        WorkerNode home = operations.placementOf(tenant).node();
        WorkerNode named = workers().stream().filter(w -> !w.equals(home)).reduce((a, b) -> b).orElseThrow();

        TenantShard isolated = operations.isolateTenant(tenant, named);

        assertThat(isolated.outcome()).as(isolated.message()).isEqualTo(Outcome.DONE);
        assertThat(isolated.node()).isEqualTo(named);
        assertThat(isolated.message()).contains("the worker asked for");
        assertAloneOnAnotherWorker(isolated, home, neighbours);
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(100);
        assertThat(Messages.count(schema.jdbc, neighbours[0])).isEqualTo(10);
        TenantShard again = operations.isolateTenant(tenant, named);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.shardId()).isEqualTo(isolated.shardId());
    }

    /** The longest of the writer's next {@code writes} writes, then forgets it: how long writes take without us. */
    private static Duration longestOfTheNext(SteadyWriter writer, int writes) {
        writer.resetLongestWrite();
        writer.awaitTotal(writer.total() + writes);
        Duration longest = writer.longestWrite();
        writer.resetLongestWrite();
        return longest;
    }

    private static TenantShard withinBound(Supplier<TenantShard> isolation) throws Exception {
        CompletableFuture<TenantShard> running = CompletableFuture.supplyAsync(isolation);
        try {
            return running.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // stop the split on the cluster, so that the failure leaves the cluster as it was (the schema's close
            // cleans up its leftovers)
            schema.jdbc.sql("""
                            SELECT pg_cancel_backend(pid) FROM pg_stat_activity
                             WHERE query ~ '(citus_split_shard_by_split_points|isolate_tenant_to_new_shard)'
                               AND pid <> pg_backend_pid()
                            """)
                    .query().listOfRows();
            throw new AssertionError("the isolation did not end within " + BOUND, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the isolation failed", e.getCause());
        }
    }

    private static void assertEveryWriteStored(SteadyWriter writer, long tenant, long[] neighbours) {
        assertThat(writer.failures()).as("failed writes").isEmpty();
        assertThat(Messages.count(schema.jdbc, tenant)).isEqualTo(PRELOADED + writer.writtenBy(tenant));
        assertThat(Messages.unread(schema.jdbc, tenant)).isEqualTo(writer.writtenBy(tenant));
        for (long neighbour : neighbours) {
            assertThat(writer.writtenBy(neighbour)).isPositive();
            assertThat(Messages.count(schema.jdbc, neighbour)).isEqualTo(writer.writtenBy(neighbour));
            assertThat(Messages.unread(schema.jdbc, neighbour)).isEqualTo(writer.writtenBy(neighbour));
        }
    }

    private static void assertAloneOnAnotherWorker(TenantShard isolated, WorkerNode home, long[] neighbours) {
        TenantPlacement placement = operations.placementOf(isolated.tenantId());
        assertThat(placement.isolated()).isTrue();
        assertThat(placement.shardId()).isEqualTo(isolated.shardId());
        assertThat(placement.node()).isEqualTo(isolated.node()).isNotEqualTo(home);
        assertThat(placement.shardGroup()).extracting(ShardSize::table)
                .containsExactlyInAnyOrder(SHARD_GROUP_TABLES);
        assertThat(placement.shardGroup()).extracting(ShardSize::node).containsOnly(placement.node());
        for (long neighbour : neighbours) {
            TenantPlacement rest = operations.placementOf(neighbour);
            assertThat(rest.node()).as("the shard group of " + neighbour + ", formerly the tenant's").isEqualTo(home);
            assertThat(rest.shardGroup()).extracting(ShardSize::node).containsOnly(home);
        }
    }

    private static long[] senders(long tenant, long[] neighbours) {
        return LongStream.concat(LongStream.of(tenant), LongStream.of(neighbours)).toArray();
    }

    private static List<WorkerNode> workers() {
        return operations.nodes().stream().filter(NodeLoad::acceptsShards).map(NodeLoad::node).toList();
    }
}
