package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a producer writing straight to the send-message topic can do to the spam-detector: neither events dated
 * far ahead nor tombstones switch detection off or break its listener; both are counted as refused.
 */
class DetectorInputIT {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LISTENER_FAILURE = Pattern.compile(
            "spring_kafka_listener_seconds_count\\{[^}]*name=\"spam-detector-[^}]*result=\"failure\"");

    private static RunningStack running;
    private static KafkaProducer<String, SendMessage> producer;

    @BeforeAll
    static void start() {
        running = RunningStack.start();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", running.stack.bootstrapServers(), "acks", "all",
                "linger.ms", 0), new StringSerializer(), new SendMessageSerializer());
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        running.close();
    }

    @Test
    void eventsDatedAYearAhead_doNotSwitchDetectionOff_aFloodRightAfterIsFlagged() throws Exception {
        Instant yearAhead = Instant.now().plus(Duration.ofDays(365));
        for (int i = 0; i < 3; i++) {
            producer.send(record(880_001, 880_002, yearAhead.plusSeconds(10L * i))).get();
        }

        for (int i = 0; i < 300; i++) {
            producer.send(record(880_011, 880_012, Instant.now()));
            Thread.sleep(5);
        }
        producer.flush();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                running.count("SELECT count(*) FROM sender_flags WHERE sender_id = 880011") == 1);
        assertThat(running.count("SELECT count(*) FROM sender_flags WHERE sender_id = 880001")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> refused("invalid") >= 3);
    }

    @Test
    void aTombstone_isCountedAsRefused_andTheListenerDoesNotFail() throws Exception {
        producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(880_021), null)).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> refused("tombstone") > 0 || listenerFailed());
        assertThat(listenerFailed()).as("the detector's listener failed").isFalse();
        assertThat(refused("tombstone")).isEqualTo(1);
    }

    private static ProducerRecord<String, SendMessage> record(long sender, long recipient, Instant sentAt) {
        return new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), SendMessage.newBuilder()
                .setMessageId(IDS.next()).setSenderId(sender).setRecipientId(recipient).setText("hello")
                .setSentAt(sentAt).build());
    }

    /** Whether the detector's listener threw for a batch, which spring-kafka's timer tags as a failure. */
    private static boolean listenerFailed() {
        return LISTENER_FAILURE.matcher(metrics()).find();
    }

    /** The detector's count of records refused for {@code reason}, 0 while it has none. */
    private static double refused(String reason) {
        String prefix = "dialogs_spam_records_refused_total{reason=\"" + reason + "\"";
        return metrics().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String metrics() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(running.stack.url("spam-detector") + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
