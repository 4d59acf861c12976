package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.SpamDecisionDeserializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Normal traffic from many senders, one heavy sender just under the limit and one flooder, on the real pipeline:
 * the flooder is flagged within 2 s of crossing the limit, gets exactly one isolation job and one decision, is
 * throttled by the gateway, and a detector restart in the middle raises nothing twice; nobody else is flagged.
 * The default rule: more than 100 messages in 10 s.
 */
class SpamDetectionIT {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();

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
    void flooderFlaggedOnceWithin2s_heavyAndNormalSendersNot_throttled_andARestartRaisesNothingTwice()
            throws Exception {
        List<Api.User> normal = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            normal.add(api.registerAndLogin("Norma", "normal-secret-" + i));
        }
        Api.User heavy = api.registerAndLogin("Hevy", "heavy-secret-1");
        Api.User flooder = api.registerAndLogin("Flood", "flood-secret-1");
        Api.User victim = api.registerAndLogin("Vika", "vika-secret-1");
        long flooderId = Long.parseLong(flooder.id());

        AtomicReference<Instant> crossing = new AtomicReference<>();
        try (KafkaProducer<String, SendMessage> producer = producer()) {
            Random random = new Random(1);
            // 14 s of traffic in ticks of at least 20 ms: 20 normal senders at ~1/s each, the heavy one at 9 of
            // every 50 ticks (at most 90 per 10 s), the flooder at 30 of every 50 ticks from the 4th second on
            int flooderSent = 0;
            for (int tick = 0; tick < 700; tick++) {
                Instant now = Instant.now();
                if (random.nextInt(50) < 20) {
                    Api.User from = normal.get(random.nextInt(normal.size()));
                    send(producer, from, normal.get((normal.indexOf(from) + 1) % normal.size()), now);
                }
                if (tick % 50 % 5 == 0 && tick % 50 < 45) {
                    send(producer, heavy, normal.get(tick % 3), now);
                }
                if (tick >= 200 && tick % 5 < 3) {
                    send(producer, flooder, victim, now);
                    if (++flooderSent == 101) {
                        crossing.set(now);
                    }
                }
                if (tick == 550) {
                    awaitFlag(flooderId);
                    running.stack.restart("spam-detector");
                }
                Thread.sleep(20);
            }
            producer.flush();
        }

        Instant flaggedAt = awaitFlag(flooderId);
        assertThat(Duration.between(crossing.get(), flaggedAt)).as("from crossing the limit to the flag")
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                query("SELECT count(*) FROM isolation_jobs WHERE sender_id = " + flooderId + " AND state = "
                        + "'not_citus'") == 1);
        assertThat(query("SELECT count(*) FROM isolation_jobs")).as("isolation jobs of anyone").isEqualTo(1);
        assertThat(query("SELECT count(*) FROM sender_flags")).as("flags of anyone").isEqualTo(1);
        assertThat(flaggedDecisions()).as("FLAGGED decisions on the topic").containsExactly(flooder.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> sendOverHttp(flooder, victim).statusCode() == 429);
        HttpResponse<String> throttled = sendOverHttp(flooder, victim);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(sendOverHttp(heavy, victim).statusCode()).isEqualTo(200);
    }

    private static Instant awaitFlag(long sender) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                query("SELECT count(*) FROM sender_flags WHERE sender_id = " + sender) > 0);
        try (Connection c = DriverManager.getConnection(running.stack.jdbcUrl(), PostgresServer.USER, "")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "SELECT flagged_at FROM sender_flags WHERE sender_id = " + sender);
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long query(String sql) {
        return running.count(sql);
    }

    private static HttpResponse<String> sendOverHttp(Api.User from, Api.User to) {
        return api.post("/dialog/" + to.id() + "/send", from.token(), "{\"text\": \"over HTTP\"}");
    }

    private static void send(KafkaProducer<String, SendMessage> producer, Api.User from, Api.User to, Instant at) {
        long sender = Long.parseLong(from.id());
        producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), SendMessage.newBuilder()
                .setMessageId(IDS.next()).setSenderId(sender).setRecipientId(Long.parseLong(to.id()))
                .setText("hello").setSentAt(at).build()));
    }

    private static KafkaProducer<String, SendMessage> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", running.stack.bootstrapServers(), "acks", "all",
                "linger.ms", 0), new StringSerializer(), new SendMessageSerializer());
    }

    /** The senders of every FLAGGED decision on the decision topic. */
    private static List<String> flaggedDecisions() {
        List<String> senders = new ArrayList<>();
        SpamDecisionDeserializer decoder = new SpamDecisionDeserializer();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPAM_DECISION).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SpamDecision decision = decoder.deserialize(r.topic(), r.value());
                    if (decision.getAction() == SpamAction.FLAGGED) {
                        senders.add(r.key());
                    }
                }
            }
        }
        return senders;
    }
}
