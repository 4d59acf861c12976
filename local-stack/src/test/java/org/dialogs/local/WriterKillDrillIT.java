package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * Two writer processes share the topic while 1,000,000 messages stream in, and a writer is killed with SIGKILL 20
 * times, in turn, each started again at once: every kill falls inside the stream (about 50,000 messages are
 * published between two kills, the stream waiting for a late kill), each kill takes a writer that holds
 * partitions while the other one does too, after every kill the lag comes back down, and in the end every message is stored exactly
 * once, counted once as unread, and nothing is dead-lettered. Prints each kill's lag and recovery time. The
 * writers notice a dead member after 6 s ({@code session.timeout.ms}, the broker's minimum; the writer's default
 * is 10 s).
 */
class WriterKillDrillIT {

    private static final int MESSAGES = 1_000_000;
    private static final int RATE_PER_SECOND = 6_000;
    private static final int KILLS = 20;
    private static final int MESSAGES_PER_KILL = MESSAGES / KILLS;
    private static final int USERS = 4_000;
    /** What counts as caught up: about a second of the stream. */
    private static final long RECOVERED_LAG = RATE_PER_SECOND;

    @Test
    void writerKilled20TimesDuringAMillionMessages_everyMessageStoredOnce_lagRecoveredAfterEach() throws Exception {
        try (ServiceFleet fleet = ServiceFleet.start(0, 2, 0, "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000"); Admin admin = Admin.create(
                Map.of("bootstrap.servers", fleet.bootstrapServers()))) {
            fleet.count("""
                    WITH registered AS (
                        INSERT INTO users (id, first_name, second_name, first_name_key, second_name_key, password_hash)
                        SELECT id, 'Drill', 'User ' || id, 'drill', 'user ' || id, 'not a hash'
                          FROM generate_series(1, %d) AS id RETURNING id)
                    SELECT count(*) FROM registered""".formatted(USERS));
            AtomicLong published = new AtomicLong();
            AtomicInteger killed = new AtomicInteger();
            Thread stream = new Thread(() -> stream(fleet, published, killed), "steady-stream");
            stream.start();
            List<String> kills = new ArrayList<>();
            try {
                for (int kill = 1; kill <= KILLS; kill++) {
                    String victim = "writer-" + (1 + kill % 2);
                    // both writers up and holding partitions, so the kill takes work from one that had it
                    await().atMost(Duration.ofSeconds(120)).until(() ->
                            fleet.groups().processesHoldingPartitions("message-writer") == 2);
                    long due = (long) kill * MESSAGES_PER_KILL - MESSAGES_PER_KILL / 2;
                    await().atMost(Duration.ofSeconds(120)).until(() -> published.get() >= due);
                    long publishedAtKill = published.get();
                    fleet.kill(victim);
                    Instant killedAt = Instant.now();
                    fleet.relaunch(victim);
                    killed.set(kill);
                    long lagAtKill = lag(admin);
                    await().atMost(Duration.ofSeconds(120)).until(() -> lag(admin) <= RECOVERED_LAG);
                    kills.add("kill %2d of %s at %,d published: lag %,d, back under %,d in %.1f s".formatted(kill,
                            victim, publishedAtKill, lagAtKill, RECOVERED_LAG,
                            Duration.between(killedAt, Instant.now()).toMillis() / 1000.0));
                    assertThat(publishedAtKill).as("kill %d within the stream", kill).isLessThan(MESSAGES);
                }
            } finally {
                killed.set(KILLS);
                stream.join();
                kills.forEach(System.out::println);
            }
            assertThat(published.get()).isEqualTo(MESSAGES);
            await().atMost(Duration.ofSeconds(120)).until(() -> fleet.count("SELECT count(*) FROM messages") == MESSAGES);
            assertThat(fleet.count("SELECT count(DISTINCT id) FROM messages")).isEqualTo(MESSAGES);
            assertThat(fleet.count("SELECT sum(unread_count) FROM user_dialogs")).isEqualTo(MESSAGES);
            assertThat(lag(admin)).isZero();
            assertThat(kills).hasSize(KILLS);
        }
    }

    /**
     * Publishes {@link #MESSAGES} messages at {@link #RATE_PER_SECOND}, each acknowledged by Kafka, and no more
     * than {@link #MESSAGES_PER_KILL} ahead of the kills made so far, so every kill falls inside the stream.
     */
    private static void stream(ServiceFleet fleet, AtomicLong published, AtomicInteger killed) {
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", fleet.bootstrapServers(),
                "acks", "all", "enable.idempotence", true, "linger.ms", 5), new StringSerializer(),
                new SendMessageSerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                long sender = 1 + i % (USERS / 2);
                SendMessage event = SendMessage.newBuilder().setMessageId(ids.next()).setSenderId(sender)
                        .setRecipientId(USERS / 2 + 1 + (i * 7L) % (USERS / 2)).setText("drill " + i)
                        .setSentAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), event),
                        (metadata, error) -> {
                            if (error == null) {
                                published.incrementAndGet();
                            }
                        });
                long due = start + (long) (i + 1) * 1_000_000_000L / RATE_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                // at most one message short of the next block until its kill is made
                while (i + 2 >= (killed.get() + 1L) * MESSAGES_PER_KILL && killed.get() < KILLS) {
                    Thread.sleep(50);
                    start = System.nanoTime() - (long) (i + 1) * 1_000_000_000L / RATE_PER_SECOND;
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records published but not committed by the writers' group, over all partitions. */
    static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("message-writer")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
            latest.put(new TopicPartition(Topics.SEND_MESSAGE, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
