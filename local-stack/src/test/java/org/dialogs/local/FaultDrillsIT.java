package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults while a steady stream of sends goes through two gateway processes to two writer and two detector
 * processes: a gateway killed with requests in flight, the broker restarted, the detector that counts a flooder
 * killed during its flood. Nothing
 * answered 200 is lost or stored twice, no request gets a 500, and a flood is still flagged once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

    private static ServiceFleet fleet;
    private static List<Api.User> users;
    private static final AtomicInteger turn = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        fleet = ServiceFleet.start(2, 2, 2);
        Api api = new Api(fleet.gateways().get(0));
        users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(api.registerAndLogin("Drill", "drill-secret-" + i));
        }
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** The running gateways in turn. */
    private static Api nextGateway() {
        List<String> gateways = fleet.gateways();
        return new Api(gateways.get(Math.floorMod(turn.getAndIncrement(), gateways.size())));
    }

    /** 16 pairs of users, each sending every 150 ms (about 107 a second in all, below the spam rules). */
    private static SendStream stream() {
        List<Api.User[]> pairs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pairs.add(new Api.User[] {users.get(2 * i), users.get(2 * i + 1)});
        }
        return SendStream.start(FaultDrillsIT::nextGateway, pairs, Duration.ofMillis(150));
    }

    @Test
    @Order(1)
    void gatewayKilledWithRequestsInFlight_every200Stored() throws Exception {
        SendStream stream = stream();
        Thread.sleep(5_000);
        fleet.kill("gateway-1");
        Thread.sleep(5_000);
        stream.close();
        System.out.println("gateway kill (0: no answer): " + stream.statuses());

        assertEveryAcknowledgedStoredOnce(stream.acknowledgedIds());
        assertThat(stream.statuses().keySet()).as("answers by status, 0 for none").isSubsetOf(200, 503, 0);
        fleet.restart("gateway-1");
    }

    @Test
    @Order(2)
    void brokerRestartedDuringLoad_503WithRetryAfter_nothingAcknowledgedLost() throws Exception {
        SendStream stream = stream();
        Thread.sleep(5_000);
        fleet.stopKafka();
        Instant stopped = Instant.now();
        Thread.sleep(10_000);
        fleet.startKafka();
        System.out.printf("broker down for %.1f s%n", Duration.between(stopped, Instant.now()).toMillis() / 1000.0);
        Thread.sleep(10_000);
        stream.close();
        System.out.println("broker restart: " + stream.statuses());

        assertThat(stream.statuses()).as("answers by status").containsKey(503);
        assertThat(stream.statuses().keySet()).as("answers by status").isSubsetOf(200, 503);
        assertThat(stream.answers()).filteredOn(a -> a.status() == 503).allMatch(SendStream.Answer::retryAfter);
        assertEveryAcknowledgedStoredOnce(stream.acknowledgedIds());
    }

    @Test
    @Order(3)
    void detectorKilledDuringAFlood_flaggedOnceSoonAfterTheRestart() throws Exception {
        Api.User flooder = new Api(fleet.gateways().get(0)).registerAndLogin("Flood", "flood-secret-1");
        long sender = Long.parseLong(flooder.id());
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.groups().processesHoldingPartitions("spam-detector") == 2);
        String counting = fleet.groups().holderOf("spam-detector", Topics.senderKey(sender));
        Instant killed = null;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", fleet.bootstrapServers(),
                "acks", "all", "linger.ms", 0), new StringSerializer(), new SendMessageSerializer())) {
            for (int i = 1; i <= 200; i++) {
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), SendMessage
                        .newBuilder().setMessageId(ids.next()).setSenderId(sender)
                        .setRecipientId(Long.parseLong(users.get(0).id())).setText("flood " + i)
                        .setSentAt(Instant.now()).build()));
                if (i == 50) {
                    producer.flush();
                    fleet.kill(counting);
                    killed = Instant.now();
                }
                Thread.sleep(10);
            }
        }
        fleet.restart(counting);
        Instant restarted = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                fleet.count("SELECT count(*) FROM sender_flags WHERE sender_id = " + sender) > 0);
        System.out.printf("detector kill (%s, of two): up again %.1f s after the kill, the flag seen %.1f s after "
                + "the kill%n", counting, Duration.between(killed, restarted).toMillis() / 1000.0,
                Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        Thread.sleep(5_000);
        assertThat(fleet.count("SELECT count(*) FROM sender_flags WHERE sender_id = " + sender)).isEqualTo(1);
        assertThat(fleet.count("SELECT count(*) FROM isolation_jobs WHERE sender_id = " + sender)).isEqualTo(1);
    }

    private static void assertEveryAcknowledgedStoredOnce(List<String> acknowledged) {
        assertThat(acknowledged).as("messages answered 200").isNotEmpty();
        String ids = String.join("','", acknowledged);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                fleet.count("SELECT count(*) FROM messages WHERE id IN ('" + ids + "')") == acknowledged.size());
        assertThat(fleet.count("SELECT count(*) - count(DISTINCT id) FROM messages")).as("stored twice").isZero();
    }
}
