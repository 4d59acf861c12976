package org.dialogs.gateway.dialog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.dialogs.gateway.ApiGatewayProperties;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.Topics;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the writers have stored the send-message topic, read from their consumer group's committed offsets, so
 * that a read right after a send through any gateway can wait (boundedly) until that send is stored: a user's
 * sends are on the partition of their key, all before its end offset when the read starts, and the writers
 * commit an offset only after the rows before it are committed. Committed offsets are read at most once per
 * {@code readYourWritesPoll}, however many reads wait.
 */
@Component
class WriterProgress implements AutoCloseable {

    private static final long BROKER_TIMEOUT_MILLIS = 1_000;

    private final Admin admin;
    private final KafkaTemplate<String, SendMessage> kafka;
    private final ApiGatewayProperties properties;
    private final Clock clock;
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private Instant committedReadAt = Instant.MIN;

    WriterProgress(KafkaAdmin kafkaAdmin, KafkaTemplate<String, SendMessage> kafka, ApiGatewayProperties properties,
            Clock clock) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Waits until every message {@code sender} had sent when this was called, through any gateway, is stored;
     * false if {@code readYourWritesWait} passed first or Kafka could not say.
     */
    boolean awaitSendsOf(long sender) {
        Instant deadline = clock.instant().plus(properties.readYourWritesWait());
        try {
            TopicPartition partition = partitionOf(sender);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(BROKER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).offset();
            while (committedOffset(partition) < end) {
                if (!clock.instant().isBefore(deadline)) {
                    return false;
                }
                Thread.sleep(properties.readYourWritesPoll().toMillis());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private TopicPartition partitionOf(long sender) {
        List<?> partitions = kafka.partitionsFor(Topics.SEND_MESSAGE);
        byte[] key = Topics.senderKey(sender).getBytes(StandardCharsets.UTF_8);
        // what Kafka's producer does with a keyed record
        return new TopicPartition(Topics.SEND_MESSAGE, Utils.toPositive(Utils.murmur2(key)) % partitions.size());
    }

    private synchronized long committedOffset(TopicPartition partition) throws Exception {
        Instant now = clock.instant();
        if (Duration.between(committedReadAt, now).compareTo(properties.readYourWritesPoll()) >= 0) {
            committed = admin.listConsumerGroupOffsets(properties.writerGroup()).partitionsToOffsetAndMetadata()
                    .get(BROKER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            committedReadAt = now;
        }
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
