package org.dialogs.storage.citus;

import java.time.Instant;
import java.util.List;

/**
 * The latest rebalance job, from {@code citus_rebalance_status()}: its state ({@code scheduled}, {@code running},
 * {@code finished}, {@code cancelled}, {@code failed}...), its task counts as Citus reports them (JSON), and the
 * shard transfers in progress.
 */
public record RebalanceStatus(long jobId, String state, Instant startedAt, Instant finishedAt, String details,
        List<ShardMove> moves) {

    /** Whether the job still runs or waits to run. */
    public boolean active() {
        return switch (state) {
            case "scheduled", "running", "cancelling", "failing" -> true;
            default -> false;
        };
    }
}
