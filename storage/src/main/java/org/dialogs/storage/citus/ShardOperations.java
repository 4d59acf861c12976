package org.dialogs.storage.citus;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Citus shard operations that the spam-detector and the ops dashboard call: isolate a tenant, move it to a
 * worker and keep it there, add a worker and rebalance, and read where tenants and shards are. Operations that move
 * shards run one at a time in the cluster; on a database without Citus every operation throws
 * {@link NotCitusClusterException}.
 */
public class ShardOperations {

    private final JdbcClient jdbc;
    private final CitusCheck citus;
    private final ShardOperationLock lock;
    private final ShardOperationsProperties properties;
    private final Clock clock;

    /** Operates on the database behind {@code dataSource}, which must lead to the coordinator. */
    public ShardOperations(DataSource dataSource, ShardOperationsProperties properties, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.citus = new CitusCheck(jdbc);
        this.lock = new ShardOperationLock(dataSource);
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the database is a Citus cluster: whether the operations here can do anything. */
    public boolean isCitusCluster() {
        return citus.isCitus();
    }

    /**
     * Puts {@code tenantId} alone on new shards of {@code messages} and the tables colocated with it, copying as
     * {@link ShardOperationsProperties#isolationTransferMode()} says: without blocking writes, the tenant's shards
     * go to the least loaded other worker (or the one it is pinned to); when the cluster has a single worker, or
     * the mode is {@code block_writes}, they stay on its worker and writes to them wait meanwhile
     * ({@link TenantShard#writesBlocked()}). Reports {@link Outcome#ALREADY_DONE} with its shard if it already is
     * alone.
     */
    public TenantShard isolateTenant(long tenantId) {
        return isolate(tenantId, Optional.empty());
    }

    /**
     * {@link #isolateTenant(long)}, the tenant's new shards going to {@code target} (the dedicated worker) unless
     * the tenant is on it already, in which case they go to another worker as without a target.
     */
    public TenantShard isolateTenant(long tenantId, WorkerNode target) {
        return isolate(tenantId, Optional.of(target));
    }

    private TenantShard isolate(long tenantId, Optional<WorkerNode> target) {
        citus.require("isolate tenant " + tenantId);
        return lock.runExclusively(session -> TenantIsolator.isolate(session, tenantId,
                        properties.isolationTransferMode(), target),
                busy -> TenantShard.busy(tenantId, busy));
    }

    /**
     * Moves the shard group holding {@code tenantId} to {@code target} and pins it there: rebalances started here
     * then keep it on {@code target} and put no other shard on that worker. Isolate the tenant first to move it
     * alone.
     */
    public TenantShard moveTenant(long tenantId, WorkerNode target) {
        citus.require("move tenant " + tenantId);
        return lock.runExclusively(
                session -> TenantMover.moveAndPin(session, tenantId, target,
                        properties.moveTransferMode(), clock.instant()),
                busy -> TenantShard.busy(tenantId, busy));
    }

    /** Lets later rebalances move {@code tenantId}'s shard group again; whether it was pinned. */
    public boolean unpinTenant(long tenantId) {
        citus.require("unpin tenant " + tenantId);
        return jdbc.sql("DELETE FROM tenant_pins WHERE tenant_id = :tenant").param("tenant", tenantId).update() > 0;
    }

    /** Registers {@code worker} (if new) and starts a background rebalance that honours the pins. */
    public RebalanceJob addWorkerAndRebalance(WorkerNode worker) {
        citus.require("add worker " + worker);
        return lock.runExclusively(session -> ClusterRebalancer.addWorkerAndRebalance(session, worker,
                        properties.moveTransferMode()),
                busy -> new RebalanceJob(Outcome.BUSY, 0, busy));
    }

    /** Starts a background rebalance that honours the pins. */
    public RebalanceJob rebalance() {
        citus.require("rebalance");
        return lock.runExclusively(session -> ClusterRebalancer.rebalance(session, properties.moveTransferMode()),
                busy -> new RebalanceJob(Outcome.BUSY, 0, busy));
    }

    /** The latest rebalance and its shard transfers in progress; empty if there never was one. */
    public Optional<RebalanceStatus> rebalanceStatus() {
        citus.require("read the rebalance status");
        return ClusterRebalancer.status(jdbc);
    }

    /** Which shard and worker hold {@code tenantId}, whether it is alone there, and its shard group's sizes. */
    public TenantPlacement placementOf(long tenantId) {
        citus.require("locate tenant " + tenantId);
        return ShardPlacements.tenant(jdbc, tenantId);
    }

    /** Every shard of the distributed tables, largest first. */
    public List<ShardSize> shardSizes() {
        citus.require("list shard sizes");
        return ShardPlacements.shardSizes(jdbc);
    }

    /** The coordinator and the workers, with their shard counts. */
    public List<NodeLoad> nodes() {
        citus.require("list nodes");
        return ShardPlacements.nodes(jdbc);
    }
}
