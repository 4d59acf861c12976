package org.dialogs.storage.citus;

/**
 * A rebalance started in the background: its Citus job id, or {@link Outcome#ALREADY_DONE} (job id 0) when
 * nothing had to move, or {@link Outcome#BUSY} (job id 0) when another shard operation was running.
 */
public record RebalanceJob(Outcome outcome, long jobId, String message) {
}
