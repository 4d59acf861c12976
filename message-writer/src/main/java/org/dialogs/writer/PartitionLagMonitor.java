package org.dialogs.writer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads, from Kafka rather than from the consumer, how far the writers' committed offsets are behind the end of
 * each partition, so the lag it reports is true even while a partition's batches fail; and notes a partition that
 * lags without any committed progress.
 */
@Component
class PartitionLagMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionLagMonitor.class);

    /** One partition's lag, its committed offset, and when that offset last moved or the lag was last zero. */
    record PartitionLag(long lag, long committed, Instant lastProgress) {
    }

    private final Admin admin;
    private final String group;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<TopicPartition, PartitionLag> lags = new ConcurrentHashMap<>();

    PartitionLagMonitor(KafkaAdmin kafkaAdmin, @Value("${spring.kafka.consumer.group-id}") String group, Clock clock,
            MeterRegistry registry) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.group = group;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder("dialogs.writer.consumer.lag", this, PartitionLagMonitor::totalLag).baseUnit("records")
                .description("records published but not yet committed by the writers, over all partitions")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${message-writer.lag-check-interval:5s}")
    void check() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(Topics.SEND_MESSAGE)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(Topics.SEND_MESSAGE).partitions()
                    .forEach(p -> latest.put(new TopicPartition(Topics.SEND_MESSAGE, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            Instant now = clock.instant();
            ends.forEach((partition, end) -> update(partition, end.offset(), committed.get(partition), now));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("cannot read the lag of group {} now: {}", group, e.toString());
        }
    }

    private void update(TopicPartition partition, long end, OffsetAndMetadata committedOffset, Instant now) {
        long committed = committedOffset == null ? 0 : committedOffset.offset();
        long lag = Math.max(0, end - committed);
        PartitionLag before = lags.get(partition);
        boolean progressed = before == null || lag == 0 || before.committed() != committed;
        lags.put(partition, new PartitionLag(lag, committed, progressed ? now : before.lastProgress()));
        if (before == null) {
            Gauge.builder("dialogs.writer.partition.lag", lags, l -> l.get(partition).lag())
                    .tags(Tags.of("partition", Integer.toString(partition.partition()))).baseUnit("records")
                    .description("records of one partition published but not yet committed by the writers")
                    .register(registry);
        }
    }

    long totalLag() {
        return lags.values().stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Partitions that have lagged with no committed progress for at least {@code threshold}, and since when. */
    Map<String, String> stalled(Duration threshold) {
        Instant now = clock.instant();
        Map<String, String> stalled = new HashMap<>();
        lags.forEach((partition, lag) -> {
            if (lag.lag() > 0 && !lag.lastProgress().plus(threshold).isAfter(now)) {
                stalled.put(partition.toString(), lag.lag() + " records behind, no progress since " + lag.lastProgress());
            }
        });
        return stalled;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
