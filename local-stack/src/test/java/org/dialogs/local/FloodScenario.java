package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

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

/**
 * The spam scenario both spam ITs run on a whole stack: 14 s of normal traffic from 20 senders, one heavy sender
 * just under the limit and one flooder from the 4th second, with the spam-detector restarted after the flag;
 * then what must hold whatever the database: one flag, one job, one FLAGGED event, within 2 s, and a 429.
 */
final class FloodScenario {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();

    /** Who took part, when the flooder crossed the limit (its 101st message in 10 s), and what it sent. */
    record Outcome(Api.User flooder, Api.User heavy, Api.User victim, Instant crossing, int flooderSent) {
        long flooderId() {
            return Long.parseLong(flooder.id());
        }
    }

    private final RunningStack running;
    private final Api api;

    FloodScenario(RunningStack running) {
        this.running = running;
        this.api = new Api(running.gateway());
    }

    Outcome run() throws InterruptedException {
        List<Api.User> normal = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            normal.add(api.registerAndLogin("Norma", "normal-secret-" + i));
        }
        Api.User heavy = api.registerAndLogin("Hevy", "heavy-secret-1");
        Api.User flooder = api.registerAndLogin("Flood", "flood-secret-1");
        Api.User victim = api.registerAndLogin("Vika", "vika-secret-1");
        Instant crossing = null;
        int flooderSent = 0;
        try (KafkaProducer<String, SendMessage> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all", "linger.ms", 0), new StringSerializer(),
                new SendMessageSerializer())) {
            Random random = new Random(1);
            // ticks of at least 20 ms: 20 normal senders at ~1/s each, the heavy one at 9 of every 50 ticks (at
            // most 90 per 10 s), the flooder at 30 of every 50 ticks from the 4th second on
            for (int tick = 0; tick < 700; tick++) {
                Instant now = Instant.now();
                if (random.nextInt(50) < 20) {
                    int from = random.nextInt(normal.size());
                    send(producer, normal.get(from), normal.get((from + 1) % normal.size()), now);
                }
                if (tick % 50 % 5 == 0 && tick % 50 < 45) {
                    send(producer, heavy, normal.get(tick % 3), now);
                }
                if (tick >= 200 && tick % 5 < 3) {
                    send(producer, flooder, victim, now);
                    if (++flooderSent == 101) {
                        crossing = now;
                    }
                }
                if (tick == 550) {
                    flaggedAt(Long.parseLong(flooder.id()));
                    running.stack.restart("spam-detector");
                }
                Thread.sleep(20);
            }
            producer.flush();
        }
        return new Outcome(flooder, heavy, victim, crossing, flooderSent);
    }

    /** The checks that hold on any database; the isolation job ends in {@code jobState} within {@code jobWait}. */
    void assertFlaggedOnceAndThrottled(Outcome outcome, String jobState, Duration jobWait) {
        long flooderId = outcome.flooderId();
        assertThat(Duration.between(outcome.crossing(), flaggedAt(flooderId))).as("from crossing the limit to the flag")
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(jobWait).until(() -> running.count("SELECT count(*) FROM isolation_jobs WHERE sender_id = "
                + flooderId + " AND state IN ('done', 'failed', 'not_citus')") == 1);
        assertThat(running.count("SELECT count(*) FROM isolation_jobs WHERE state = '" + jobState + "'"))
                .as("isolation jobs ended as %s", jobState).isEqualTo(1);
        assertThat(running.count("SELECT count(*) FROM isolation_jobs")).as("isolation jobs of anyone").isEqualTo(1);
        assertThat(running.count("SELECT count(*) FROM sender_flags")).as("flags of anyone").isEqualTo(1);
        assertThat(flaggedDecisions()).as("FLAGGED decisions on the topic").containsExactly(outcome.flooder().id());

        await().atMost(Duration.ofSeconds(20)).until(() -> sendOverHttp(outcome.flooder(), outcome.victim())
                .statusCode() == 429);
        HttpResponse<String> throttled = sendOverHttp(outcome.flooder(), outcome.victim());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(sendOverHttp(outcome.heavy(), outcome.victim()).statusCode()).isEqualTo(200);
    }

    private Instant flaggedAt(long sender) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                running.count("SELECT count(*) FROM sender_flags WHERE sender_id = " + sender) > 0);
        try (Connection c = DriverManager.getConnection(running.stack.jdbcUrl(), PostgresServer.USER, "")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "SELECT flagged_at FROM sender_flags WHERE sender_id = " + sender);
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> sendOverHttp(Api.User from, Api.User to) {
        return api.post("/dialog/" + to.id() + "/send", from.token(), "{\"text\": \"over HTTP\"}");
    }

    private static void send(KafkaProducer<String, SendMessage> producer, Api.User from, Api.User to, Instant at) {
        long sender = Long.parseLong(from.id());
        producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), SendMessage.newBuilder()
                .setMessageId(IDS.next()).setSenderId(sender).setRecipientId(Long.parseLong(to.id()))
                .setText("hello").setSentAt(at).build()));
    }

    /** The senders of every FLAGGED decision on the decision topic. */
    private List<String> flaggedDecisions() {
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
                    if (decoder.deserialize(r.topic(), r.value()).getAction() == SpamAction.FLAGGED) {
                        senders.add(r.key());
                    }
                }
            }
        }
        return senders;
    }
}
