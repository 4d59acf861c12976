package org.dialogs.writer;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The writer's Prometheus metrics: batch size, rows stored (their rate is rows per second), transaction latency,
 * dead-lettered records and the extra transactions spent finding records the database refused. The lag is
 * {@link PartitionLagMonitor}'s.
 */
@Component
class WriterMetrics {

    private final DistributionSummary batchSize;
    private final Counter stored;
    private final Counter duplicates;
    private final Timer transaction;
    private final Counter deadLettered;
    private final Counter splitTransactions;

    WriterMetrics(MeterRegistry registry) {
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
    }

    void batch(int records, int valid, int newRows, long transactionNanos) {
        batchSize.record(records);
        stored.increment(newRows);
        duplicates.increment(valid - newRows);
        transaction.record(transactionNanos, TimeUnit.NANOSECONDS);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void splitTransactions(int extra) {
        splitTransactions.increment(extra);
    }

    /** Rows stored since start: what the benchmark and tests read. */
    double storedRows() {
        return stored.count();
    }
}
