package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole pipeline on a real broker and a real PostgreSQL, driven through real HTTP. */
class DialogsEndToEndIT {

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
    void messagesBothWays_areListedInOrder_andAReplayStoresNothingTwice() throws Exception {
        Api.User anna = api.registerAndLogin("Anna", "anna-secret-1");
        Api.User boris = api.registerAndLogin("Boris", "boris-secret-1");
        List<String[]> sent = List.of(
                new String[] {"anna", "Привет, Борис!"},
                new String[] {"boris", "Hi Anna, how are you?"},
                new String[] {"anna", "Fine, thanks 🙂"},
                new String[] {"anna", "Are we meeting tomorrow?"},
                new String[] {"boris", "Yes, at 10."});
        for (String[] m : sent) {
            boolean fromAnna = m[0].equals("anna");
            api.send(fromAnna ? anna : boris, fromAnna ? boris : anna, m[1]);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(anna, boris).size() == sent.size());
        assertConversation(api.list(anna, boris), sent, anna, boris);
        assertConversation(api.list(boris, anna), sent, anna, boris);

        int replayed = replayTopic();
        assertThat(replayed).isGreaterThanOrEqualTo(sent.size());
        awaitWriterCaughtUp();

        assertConversation(api.list(anna, boris), sent, anna, boris);
        assertThat(running.count("SELECT count(*) FROM messages WHERE sender_id IN (?, ?)", anna.id(), boris.id()))
                .isEqualTo(sent.size());
        assertThat(running.count("SELECT unread_count FROM user_dialogs WHERE owner_id = ? AND peer_id = ?",
                boris.id(), anna.id())).isEqualTo(3);
        assertThat(running.count("SELECT unread_count FROM user_dialogs WHERE owner_id = ? AND peer_id = ?",
                anna.id(), boris.id())).isEqualTo(2);
    }

    @Test
    void anEventPublishedDirectlyToKafka_byAnotherService_isStored() throws Exception {
        Api.User carol = api.registerAndLogin("Carol", "carol-secret-1");
        Api.User dan = api.registerAndLogin("Dan", "dan-secret-12");
        SendMessage event = SendMessage.newBuilder()
                .setMessageId(MessageIdGenerator.systemDefault().next())
                .setSenderId(Long.parseLong(carol.id()))
                .setRecipientId(Long.parseLong(dan.id()))
                .setText("published by the billing service")
                .setSentAt(Instant.now())
                .build();
        Map<String, Object> config = Map.of("bootstrap.servers", running.stack.bootstrapServers(), "acks", "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new SendMessageSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, Topics.senderKey(event.getSenderId()), event))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(dan, carol).size() == 1);
        JsonNode message = api.list(dan, carol).get(0);
        assertThat(message.get("id").asString()).isEqualTo(event.getMessageId().toString());
        assertThat(message.get("from").asString()).isEqualTo(carol.id());
        assertThat(message.get("to").asString()).isEqualTo(dan.id());
        assertThat(message.get("text").asString()).isEqualTo("published by the billing service");
    }

    @Test
    void sentMessages_countInTheWritersAcceptToStoredLatency_asTheOpsDashboardShowsIt() {
        Api.User ivan = api.registerAndLogin("Ivan", "ivan-secret-1");
        Api.User jana = api.registerAndLogin("Jana", "jana-secret-1");
        Api ops = new Api(running.stack.url("spam-detector"));
        long before = messagesIn(writerLatency(ops));

        api.send(ivan, jana, "how long did this take?");
        api.send(jana, ivan, "milliseconds, I hope");

        JsonNode latency = await().atMost(Duration.ofSeconds(30))
                .until(() -> writerLatency(ops), l -> messagesIn(l) >= before + 2);
        assertThat(latency.get("shown").asBoolean()).isTrue();
        assertThat(latency.get("p50_ms").isNumber()).as("p50 in " + latency).isTrue();
        assertThat(latency.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(latency.get("p50_ms").asDouble());
    }

    private static JsonNode writerLatency(Api ops) {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("operator:"
                + running.stack.operatorPassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Api.ok(ops.call("GET", "/ops/api/writer-latency", basic, null, null, Map.of()));
    }

    private static long messagesIn(JsonNode latency) {
        return latency.path("messages").isNumber() ? latency.path("messages").asLong() : 0;
    }

    @Test
    void undecodableAndInvalidRecords_goToTheDeadLetterTopic_andTheValidOnesAroundThemAreStored() throws Exception {
        Api.User gina = api.registerAndLogin("Gina", "gina-secret-1");
        Api.User hugo = api.registerAndLogin("Hugo", "hugo-secret-1");
        long from = Long.parseLong(gina.id());
        SendMessage before = event(from, Long.parseLong(hugo.id()), "before the poison");
        SendMessage invalid = event(from, -1, "to nobody");
        SendMessage after = event(from, Long.parseLong(hugo.id()), "after the poison");
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SendMessageSerializer serializer = new SendMessageSerializer();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : List.of(serializer.serialize(Topics.SEND_MESSAGE, before), garbage,
                    serializer.serialize(Topics.SEND_MESSAGE, invalid), serializer.serialize(Topics.SEND_MESSAGE, after))) {
                producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, gina.id(), value)).get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(hugo, gina).size() == 2);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(gina.id()), records -> records.size() == 2);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("not Avro single-object encoding");
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.SEND_MESSAGE);
        assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("recipient_id must be positive");
        assertThat(running.count("SELECT count(*) FROM messages WHERE sender_id = ?", gina.id())).isEqualTo(2);
    }

    private static SendMessage event(long sender, long recipient, String text) {
        return SendMessage.newBuilder().setMessageId(MessageIdGenerator.systemDefault().next())
                .setSenderId(sender).setRecipientId(recipient).setText(text).setSentAt(Instant.now()).build();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return readAll(Topics.SEND_MESSAGE_DEAD_LETTER).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aSenderWhoListsRightAfterASend_seesTheMessage_everyTime() {
        // five pairs in turn, so no sender comes near the spam-detector's 100 messages in 10 s and gets throttled
        List<Api.User[]> pairs = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            pairs.add(new Api.User[] {api.registerAndLogin("Eve", "eve-secret-" + p),
                    api.registerAndLogin("Fred", "fred-secret-" + p)});
        }
        for (int i = 0; i < 300; i++) {
            Api.User eve = pairs.get(i % pairs.size())[0];
            Api.User fred = pairs.get(i % pairs.size())[1];
            String id = api.send(eve, fred, "message " + i);

            var listed = api.get("/dialog/" + fred.id() + "/list?limit=1", eve.token());

            assertThat(listed.headers().firstValue("X-Dialogs-Possibly-Stale")).as("send %d", i).isEmpty();
            JsonNode newest = Api.ok(listed).get(0);
            assertThat(newest.get("id").asString()).as("send %d", i).isEqualTo(id);
            if (i % 10 == 0) {
                JsonNode dialogs = Api.ok(api.get("/dialogs?limit=1", eve.token()));
                assertThat(dialogs.get(0).get("last_message").get("id").asString()).as("send %d", i).isEqualTo(id);
            }
        }
    }

    @Test
    void pagingBackThroughAConversation_givesEveryMessageOnce_inOrder() {
        Api.User ivan = api.registerAndLogin("Ivan", "ivan-secret-1");
        Api.User jana = api.registerAndLogin("Jana", "jana-secret-1");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(i % 3 == 0 ? api.send(jana, ivan, "reply " + i) : api.send(ivan, jana, "message " + i));
        }
        List<String> pagedBack = new ArrayList<>();
        String path = "/dialog/" + jana.id() + "/list?limit=10";
        var page = api.get(path, ivan.token());
        while (true) {
            List<String> ids = Api.ok(page).valueStream().map(m -> m.get("id").asString()).toList();
            pagedBack.addAll(0, ids);
            var next = page.headers().firstValue("X-Dialogs-Next-Cursor");
            if (next.isEmpty()) {
                break;
            }
            page = api.get(path + "&before=" + next.get(), ivan.token());
        }
        assertThat(pagedBack).isEqualTo(sent);
    }

    @Test
    void myDialogs_latestFirst_withUnreadCounts_andReadingLowersThem() {
        Api.User kim = api.registerAndLogin("Kim", "kim-secret-12");
        Api.User lev = api.registerAndLogin("Lev", "lev-secret-12");
        Api.User mia = api.registerAndLogin("Mia", "mia-secret-12");
        List<String> fromLev = List.of(api.send(lev, kim, "one"), api.send(lev, kim, "two"),
                api.send(lev, kim, "three"));
        api.send(mia, kim, "hi Kim");
        String last = api.send(mia, kim, "are you there?");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(kim, lev).size() == 3
                && api.list(kim, mia).size() == 2);

        JsonNode dialogs = Api.ok(api.get("/dialogs", kim.token()));
        assertThat(dialogs.valueStream().map(d -> d.get("peer_id").asString())).containsExactly(mia.id(), lev.id());
        assertThat(dialogs.get(0).get("last_message").get("id").asString()).isEqualTo(last);
        assertThat(dialogs.get(0).get("unread_count").asInt()).isEqualTo(2);
        assertThat(dialogs.get(1).get("unread_count").asInt()).isEqualTo(3);

        JsonNode receipt = Api.ok(api.post("/dialog/" + lev.id() + "/read", kim.token(),
                "{\"up_to\": \"" + fromLev.get(1) + "\"}"));
        assertThat(receipt.get("marked_read").asInt()).isEqualTo(2);
        assertThat(receipt.get("unread_count").asInt()).isEqualTo(1);
        assertThat(api.list(kim, lev).valueStream().map(m -> m.get("read_at").isNull()))
                .containsExactly(false, false, true);
        assertThat(Api.ok(api.post("/dialog/" + mia.id() + "/read", kim.token(), "{}")).get("unread_count")
                .asInt()).isZero();
        assertThat(Api.ok(api.get("/dialogs", kim.token())).valueStream().map(d -> d.get("unread_count").asInt()))
                .containsExactly(0, 1);
        assertThat(Api.ok(api.get("/dialogs", lev.token())).get(0).get("unread_count").asInt()).isZero();
    }

    @Test
    void aRetriedSendWithTheSameKey_getsTheSameId_andIsStoredOnce() {
        Api.User nina = api.registerAndLogin("Nina", "nina-secret-1");
        Api.User oleg = api.registerAndLogin("Oleg", "oleg-secret-1");
        String path = "/dialog/" + oleg.id() + "/send";
        byte[] body = "{\"text\": \"pay 100\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> key = Map.of("Idempotency-Key", "payment-42");
        String first = Api.ok(api.call("POST", path, nina.token(), "application/json", body, key)).get("id").asString();
        String retry = Api.ok(api.call("POST", path, nina.token(), "application/json", body, key)).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(oleg, nina).size() == 1);
        String late = Api.ok(api.call("POST", path, nina.token(), "application/json", body, key)).get("id").asString();

        assertThat(List.of(retry, late)).containsOnly(first);
        var other = api.call("POST", path, nina.token(), "application/json",
                "{\"text\": \"pay 200\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), key);
        assertThat(other.statusCode()).isEqualTo(409);
        awaitWriterCaughtUp();
        assertThat(running.count("SELECT count(*) FROM messages WHERE sender_id = ?", nina.id())).isEqualTo(1);
    }

    @Test
    void search_findsByCaseInsensitiveNamePrefixes_andTakesWildcardsLiterally() {
        String annaId = api.registerAndLogin("Анастасия", "search-secret").id();
        JsonNode found = Api.ok(api.get("/user/search?first_name=%D0%B0%D0%BD%D0%B0&last_name=TEST", null));
        assertThat(found.valueStream().map(u -> u.get("id").asString())).contains(annaId);
        assertThat(found.valueStream().map(u -> u.get("first_name").asString())).allMatch(n -> n.startsWith("Ана"));
        assertThat(Api.ok(api.get("/user/search?first_name=%25&last_name=%25", null))).isEmpty();
        assertThat(Api.ok(api.get("/user/search?first_name=_&last_name=T", null))).isEmpty();
    }

    private static void assertConversation(JsonNode list, List<String[]> sent, Api.User anna, Api.User boris) {
        assertThat(list.size()).isEqualTo(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            boolean fromAnna = sent.get(i)[0].equals("anna");
            JsonNode item = list.get(i);
            assertThat(item.get("from").asString()).as("from of #%d", i).isEqualTo(fromAnna ? anna.id() : boris.id());
            assertThat(item.get("to").asString()).as("to of #%d", i).isEqualTo(fromAnna ? boris.id() : anna.id());
            assertThat(item.get("text").asString()).as("text of #%d", i).isEqualTo(sent.get(i)[1]);
        }
    }

    /** Produces every record of the send-message topic again, byte for byte: a replay. */
    private static int replayTopic() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.SEND_MESSAGE);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())).get();
            }
        }
        return records.size();
    }

    /** Every record now in {@code topic}, read from the beginning by a consumer outside any group. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", running.stack.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void awaitWriterCaughtUp() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", running.stack.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("message-writer").partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return !committed.isEmpty() && committed.entrySet().stream()
                        .allMatch(e -> e.getValue().offset() == ends.get(e.getKey()).offset());
            });
        }
    }

}
