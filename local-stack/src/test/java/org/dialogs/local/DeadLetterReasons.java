package org.dialogs.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dialogs.schemas.Topics;

/** The send-message dead-letter topic as tests read it: each reason, by where its record was. */
final class DeadLetterReasons {

    private DeadLetterReasons() {
    }

    /** The reason of every dead letter so far, by {@code partition@offset} of its record on the send-message topic. */
    static Map<String, String> read(String bootstrapServers) {
        Map<String, String> reasons = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.SEND_MESSAGE_DEAD_LETTER, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    int from = ByteBuffer.wrap(header(r, "kafka_dlt-original-partition")).getInt();
                    long at = ByteBuffer.wrap(header(r, "kafka_dlt-original-offset")).getLong();
                    byte[] reason = header(r, "kafka_dlt-exception-message");
                    reasons.put(from + "@" + at, reason == null ? null : new String(reason, StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
