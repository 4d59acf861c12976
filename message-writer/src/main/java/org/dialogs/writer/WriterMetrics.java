package org.dialogs.writer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The writer's Prometheus metrics: batch size, rows stored (their rate is rows per second), transaction latency,
 * each new message's time from {@code sent_at} to its commit, failed batch transactions, dead-lettered records
 * and the extra transactions spent finding records the database refused. The lag is {@link PartitionLagMonitor}'s.
 */
@Component
class WriterMetrics {

    private final DistributionSummary batchSize;
    private final Counter stored;
    private final Counter duplicates;
    private final Timer transaction;
    private final Counter deadLettered;
    private final Counter splitTransactions;
    private final Counter failedBatches;
    private final Timer acceptToStored;
    private final Clock clock;

    WriterMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        batchSize = DistributionSummary.builder("dialogs.writer.batch.size").baseUnit("records")
                .description("records per poll, one database transaction each").publishPercentileHistogram()
                .register(registry);
        stored = Counter.builder("dialogs.writer.rows.stored").baseUnit("rows")
                .description("messages stored for the first time").register(registry);
        duplicates = Counter.builder("dialogs.writer.rows.duplicate").baseUnit("rows")
                .description("replayed messages that were already stored").register(registry);
        transaction = Timer.builder("dialogs.writer.transaction").description("one batch's database transaction")
                .publishPercentileHistogram().register(registry);
        deadLettered = Counter.builder("dialogs.writer.dead.lettered").baseUnit("records")
                .description("records sent to the dead-letter topic").register(registry);
        splitTransactions = Counter.builder("dialogs.writer.split.transactions").baseUnit("transactions")
                .description("extra transactions run to single out records the database refused").register(registry);
        failedBatches = Counter.builder("dialogs.writer.batches.failed").baseUnit("batches")
                .description("batch transactions that failed as a whole and were retried").register(registry);
        acceptToStored = Timer.builder("dialogs.writer.accept.to.stored")
                .description("a new message's sent_at (the gateway accepted it) to the commit that stored it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
    }

    void batch(int records, int valid, int newRows, long transactionNanos) {
        batchSize.record(records);
        stored.increment(newRows);
        duplicates.increment(valid - newRows);
        transaction.record(transactionNanos, TimeUnit.NANOSECONDS);
    }

    /** Records, for each message a transaction that has just committed stored, how long ago it was sent. */
    void committed(List<StoredMessage> stored) {
        long now = clock.millis();
        for (StoredMessage m : stored) {
            // a sender's clock ahead of ours (up to max-clock-skew) would make it negative
            acceptToStored.record(Math.max(0, now - m.sentAtMillis()), TimeUnit.MILLISECONDS);
        }
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void batchFailed() {
        failedBatches.increment();
    }

    void splitTransactions(int extra) {
        splitTransactions.increment(extra);
    }

    /** Rows stored since start: what the benchmark and tests read. */
    double storedRows() {
        return stored.count();
    }
}
