package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile producer on the public topic: 1,200 generated hostile records (seeded; the seed is printed and can be
 * set with {@code -Dhostile.seed=N}) among 1,000 valid ones, through the real broker, writer and detector. Every
 * valid record is stored exactly once, every hostile one is dead-lettered with its reason, no partition is held
 * longer than 30 s, and a flooder who starts afterwards is still flagged within 2 s of crossing the limit.
 */
class HostileProducerIT {

    private static final int HOSTILE = 1_200;
    private static final int VALID = 1_000;

    private static RunningStack running;
    private static Api api;

    @BeforeAll
    static void start() {
        running = RunningStack.start();
        api = new Api(running.gateway());
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    @Test
    void hostileRecordsAmongValidOnes_validStoredOnce_hostileDeadLettered_flooderStillFlagged() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.println("HostileProducerIT seed: " + seed + " (repeat with -Dhostile.seed=" + seed + ")");
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            users.add(Long.parseLong(api.registerAndLogin("Hostile", "hostile-secret-" + i).id()));
        }
        List<HostileRecords.Planned> planned = new HostileRecords(seed, users, Instant.now()).generate(HOSTILE, VALID);

        Map<String, HostileRecords.Planned> hostileAt = publish(planned);
        Set<UUID> valid = new HashSet<>();
        planned.stream().filter(HostileRecords.Planned::valid).forEach(p -> valid.add(p.messageId()));

        String kafka = running.stack.bootstrapServers();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                running.count("SELECT count(*) FROM messages") == valid.size()
                        && DeadLetterReasons.read(kafka).keySet().containsAll(hostileAt.keySet()));
        assertThat(storedIds()).as("every valid message, once").containsExactlyInAnyOrderElementsOf(valid);
        Map<String, String> reasons = DeadLetterReasons.read(kafka);
        assertThat(reasons.keySet()).as("dead letters, by original partition@offset")
                .containsExactlyInAnyOrderElementsOf(hostileAt.keySet());
        reasons.forEach((at, reason) -> assertThat(reason)
                .as("the reason for %s", HostileRecords.describe(hostileAt.get(at))).isNotBlank());

        assertFlooderFlaggedWithin2s(users);
    }

    /** Publishes every record, waits for every ack, and returns the hostile ones by where they landed. */
    private static Map<String, HostileRecords.Planned> publish(List<HostileRecords.Planned> planned) throws Exception {
        Map<String, HostileRecords.Planned> hostileAt = new HashMap<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all", "linger.ms", 5), new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (HostileRecords.Planned p : planned) {
                acks.add(producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, p.key(), p.value())));
            }
            for (int i = 0; i < planned.size(); i++) {
                RecordMetadata at = acks.get(i).get();
                if (!planned.get(i).valid()) {
                    hostileAt.put(at.partition() + "@" + at.offset(), planned.get(i));
                }
            }
        }
        return hostileAt;
    }

    private static void assertFlooderFlaggedWithin2s(List<Long> users) throws Exception {
        long flooder = Long.parseLong(api.registerAndLogin("Flood", "flood-secret-1").id());
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        Instant crossing = null;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all", "linger.ms", 0), new StringSerializer(),
                new SendMessageSerializer())) {
            for (int i = 1; i <= 150; i++) {
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(flooder),
                        SendMessage.newBuilder().setMessageId(ids.next()).setSenderId(flooder)
                                .setRecipientId(users.get(0)).setText("flood " + i).setSentAt(now).build()));
                if (i == 101) {
                    crossing = now;
                }
                Thread.sleep(10);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                running.count("SELECT count(*) FROM sender_flags WHERE sender_id = ?", Long.toString(flooder)) == 1);
        Instant flagged;
        try (Connection c = DriverManager.getConnection(running.stack.jdbcUrl(), PostgresServer.USER, "")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "SELECT flagged_at FROM sender_flags WHERE sender_id = " + flooder);
            rs.next();
            flagged = rs.getTimestamp(1).toInstant();
        }
        assertThat(Duration.between(crossing, flagged)).as("from crossing the limit to the flag")
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    private static Set<UUID> storedIds() throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(running.stack.jdbcUrl(), PostgresServer.USER, "")) {
            ResultSet rs = c.createStatement().executeQuery("SELECT id FROM messages");
            while (rs.next()) {
                assertThat(ids.add((UUID) rs.getObject(1))).as("stored once").isTrue();
            }
        }
        return ids;
    }

}
