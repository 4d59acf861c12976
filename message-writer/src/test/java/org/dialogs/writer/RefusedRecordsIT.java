package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Records that cost only themselves: a record the rules refuse, one whose users do not exist, and one the database
 * itself refuses (a constraint this test adds) are dead-lettered with their reasons within seconds, while every
 * valid record of the same polls is stored once and the writer stays healthy.
 */
class RefusedRecordsIT {

    /** A text the database refuses once this test has added its constraint. */
    private static final String REFUSED_TEXT = "the database refuses this text";

    private static WriterTestbed bed;
    private static ConfigurableApplicationContext writer;
    private static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        bed = new WriterTestbed();
        bed.execute("ALTER TABLE messages ADD CONSTRAINT test_refused_text CHECK (text <> '" + REFUSED_TEXT + "')");
        httpPort = KafkaKraftBroker.freePort();
        writer = MessageWriterApplication.application().registerShutdownHook(false)
                .run(bed.writerArguments(httpPort).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        writer.close();
        bed.close();
    }

    @Test
    void sentAtFarAhead_amongValidRecords_isDeadLetteredAndTheOthersStored() {
        SendMessage farAhead = SendMessages.from(7, 8, "from the far future");
        farAhead.setSentAt(Instant.ofEpochMilli(10_000_000_000_000_000L));

        Map<String, String> reasons = publishAmongValid(List.of(farAhead), 500);

        assertThat(reasons.get(farAhead.getMessageId().toString()))
                .contains("sent_at must be at most 300 s after the record's timestamp");
    }

    @Test
    void recordTheDatabaseRefuses_amongValidRecords_isDeadLetteredWithTheDatabasesWords() {
        SendMessage refused = SendMessages.from(9, 10, REFUSED_TEXT);
        SendMessage refusedToo = SendMessages.from(11, 12, REFUSED_TEXT);

        Map<String, String> reasons = publishAmongValid(List.of(refused, refusedToo), 2_000);

        assertThat(reasons.get(refused.getMessageId().toString()))
                .contains("SQLSTATE 23514").contains("test_refused_text");
        assertThat(reasons).containsKey(refusedToo.getMessageId().toString());
        assertThat(WriterTestbed.health(httpPort).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownSenderOrRecipient_isDeadLetteredNamingTheUser() {
        SendMessage toNobody = SendMessages.from(13, 99_999, "is anyone there");
        SendMessage fromNobody = SendMessages.from(50_000, 14, "I do not exist");

        Map<String, String> reasons = publishAmongValid(List.of(toNobody, fromNobody), 300);

        assertThat(reasons.get(toNobody.getMessageId().toString()))
                .isEqualTo("recipient_id 99999 is not a registered user");
        assertThat(reasons.get(fromNobody.getMessageId().toString()))
                .isEqualTo("sender_id 50000 is not a registered user");
    }

    /**
     * Publishes the bad events in the middle of {@code valid} valid ones (senders 1000-1999), waits until the valid
     * ones are stored and the bad ones dead-lettered, within 20 s, and returns each dead letter's reason by id.
     */
    private static Map<String, String> publishAmongValid(List<SendMessage> bad, int valid) {
        List<SendMessage> good = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            good.add(SendMessages.from(1000 + i % 1000, 100_000 + i % 1000, "valid " + i));
        }
        long storedBefore = bed.count("SELECT count(*) FROM messages");
        int deadBefore = bed.deadLetters().size();
        List<SendMessage> all = new ArrayList<>(good.subList(0, valid / 2));
        all.addAll(bad);
        all.addAll(good.subList(valid / 2, valid));
        publish(all);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                bed.count("SELECT count(*) FROM messages") == storedBefore + valid
                        && bed.deadLetters().size() == deadBefore + bad.size());
        assertThat(bed.count("SELECT count(*) FROM messages WHERE text LIKE 'valid %'"))
                .isEqualTo(bed.count("SELECT count(DISTINCT id) FROM messages WHERE text LIKE 'valid %'"));
        Map<String, String> reasons = new ConcurrentHashMap<>();
        for (ConsumerRecord<String, byte[]> dead : bed.deadLetters().subList(deadBefore, deadBefore + bad.size())) {
            SendMessage event = new org.dialogs.schemas.SendMessageDeserializer().deserialize(dead.topic(), dead.value());
            reasons.put(event.getMessageId().toString(), header(dead, "kafka_dlt-exception-message"));
        }
        return reasons;
    }

    private static void publish(List<SendMessage> events) {
        try (KafkaProducer<String, SendMessage> producer = bed.producer()) {
            for (SendMessage event : events) {
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(event.getSenderId()), event));
            }
            producer.flush();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
