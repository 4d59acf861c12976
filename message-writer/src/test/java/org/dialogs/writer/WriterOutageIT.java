package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL stopped for 30 s under a steady stream of messages: the writer says it is degraded, holds its place,
 * and once the database is back stores every event exactly once and dead-letters nothing.
 */
class WriterOutageIT {

    private static final int SENDERS = 50;

    @Test
    void databaseDownFor30Seconds_duringASteadyStream_everyEventStoredOnce_nothingDeadLettered() throws Exception {
        try (WriterTestbed bed = new WriterTestbed()) {
            int httpPort = KafkaKraftBroker.freePort();
            ConfigurableApplicationContext writer = MessageWriterApplication.application()
                    .registerShutdownHook(false).run(bed.writerArguments(httpPort).toArray(String[]::new));
            List<SendMessage> sent = new ArrayList<>();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread stream = new Thread(() -> streamUntilStopped(bed, sent, streaming), "steady-stream");
            try {
                stream.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> bed.count("SELECT count(*) FROM messages") > 100);

                int sentBeforeOutage = size(sent);
                bed.stopPostgres();
                await().atMost(Duration.ofSeconds(20)).until(() -> WriterTestbed.health(httpPort).statusCode() == 503);
                assertThat(WriterTestbed.health(httpPort).body()).contains("DEGRADED").contains("heldAt")
                        .contains(Topics.SEND_MESSAGE + "-");
                // the lag comes from Kafka, not from the stuck consumer: it grows while nothing is stored
                await().atMost(Duration.ofSeconds(20)).until(() -> lag(httpPort) > 100);
                Thread.sleep(20_000); // the rest of the outage: nothing to wait for but time
                bed.startPostgres();
                int sentDuringOutage = size(sent) - sentBeforeOutage;

                await().atMost(Duration.ofSeconds(20)).until(() -> WriterTestbed.health(httpPort).statusCode() == 200);
                streaming.set(false);
                stream.join();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        bed.count("SELECT count(*) FROM messages") == size(sent));
                assertThat(bed.count("SELECT count(DISTINCT id) FROM messages")).isEqualTo(sent.size());
                assertThat(bed.count("SELECT sum(unread_count) FROM user_dialogs")).isEqualTo(sent.size());
                assertThat(bed.deadLetters()).isEmpty();
                assertThat(sentDuringOutage).as("messages sent while the database was down").isGreaterThan(500);
                await().atMost(Duration.ofSeconds(20)).until(() -> lag(httpPort) == 0);
            } finally {
                streaming.set(false);
                stream.join();
                writer.close();
            }
        }
    }

    /** The writers' lag over all partitions, as the writer's Prometheus endpoint shows it. */
    private static double lag(int httpPort) {
        return WriterTestbed.metric(httpPort, "dialogs_writer_consumer_lag_records");
    }

    private static int size(List<SendMessage> sent) {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** About 30 messages a second from 50 senders, each acknowledged by Kafka, until told to stop. */
    private static void streamUntilStopped(WriterTestbed bed, List<SendMessage> sent, AtomicBoolean streaming) {
        try (KafkaProducer<String, SendMessage> producer = bed.producer()) {
            for (int i = 0; streaming.get(); i++) {
                long sender = 1 + i % SENDERS;
                SendMessage event = SendMessages.from(sender, 1000 + sender, "steady " + i);
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(sender), event)).get();
                synchronized (sent) {
                    sent.add(event);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the stream stopped", e);
        }
    }
}
