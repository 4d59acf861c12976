package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.ConfluentWireFormat;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SchemaHistory;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.Topics;
import org.dialogs.schemas.registry.ConfluentSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A producer from the Confluent ecosystem: Confluent's own Avro serializer (Node.js, {@code @confluentinc/
 * schemaregistry} with {@code kafkajs}) writes send-message events in the Confluent wire format against the real
 * Apicurio Registry the stack starts; the real writer stores them and the REST API lists them. Records naming a
 * schema id the registry does not know, or a schema the shipped one cannot read, are dead-lettered with the reason.
 * Skipped where node or npm is missing, unless {@code DIALOGS_REQUIRE_NODE=true} (as in {@code .ci/run}).
 */
class ConfluentProducerIT {

    private static final int EVENTS = 25;

    private static RunningStack running;
    private static Api api;

    @BeforeAll
    static void start() {
        ConfluentProducer.unavailableBecause().ifPresent(reason -> {
            if ("true".equals(System.getenv("DIALOGS_REQUIRE_NODE"))) {
                throw new IllegalStateException("DIALOGS_REQUIRE_NODE is set, but " + reason);
            }
            Assumptions.abort("Confluent producer test skipped: " + reason);
        });
        long begin = System.nanoTime();
        ConfluentProducer.install();
        long installed = System.nanoTime();
        running = RunningStack.startWithSchemaRegistry();
        System.out.printf("ConfluentProducerIT: npm install %.1f s, stack with schema registry %.1f s%n",
                (installed - begin) / 1e9, (System.nanoTime() - installed) / 1e9);
        api = new Api(running.gateway());
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void atStart_theShippedVersionsAreRegistered_underTheTopicsSubject_backwardTransitive() {
        Api registry = new Api(running.stack.schemaRegistryUrl());

        String subject = "/subjects/" + Topics.SEND_MESSAGE_VALUE_SUBJECT;
        List<Schema> shipped = SchemaHistory.of("send-message").versions();

        JsonNode versions = Api.ok(registry.get(subject + "/versions", null));
        List<Long> registered = new ArrayList<>();
        for (JsonNode version : versions) {
            Schema schema = new Schema.Parser().parse(
                    Api.ok(registry.get(subject + "/versions/" + version.asInt(), null)).get("schema").asString());
            registered.add(SchemaNormalization.parsingFingerprint64(schema));
        }
        JsonNode config = Api.ok(registry.get("/config/" + Topics.SEND_MESSAGE_VALUE_SUBJECT, null));

        assertThat(registered).as("the subject's versions, oldest first, by fingerprint").containsExactlyElementsOf(
                shipped.stream().map(SchemaNormalization::parsingFingerprint64).toList());
        assertThat(config.get("compatibilityLevel").asString()).isEqualTo("BACKWARD_TRANSITIVE");
    }

    @Test
    void confluentSerializedEvents_areStored_andListedThroughTheApi() {
        Api.User olga = api.registerAndLogin("Olga", "olga-secret-1");
        Api.User petr = api.registerAndLogin("Petr", "petr-secret-1");
        Map<String, String> sent = new LinkedHashMap<>();
        List<Map<String, Object>> events = new ArrayList<>();
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        for (int i = 0; i < EVENTS; i++) {
            String id = ids.next().toString();
            String text = "из Node, через Confluent " + i + (i % 5 == 0 ? " 👋" : "");
            sent.put(id, text);
            Map<String, Object> value = new HashMap<>(Map.of("message_id", id,
                    "sender_id", Long.parseLong(olga.id()), "recipient_id", Long.parseLong(petr.id()),
                    "text", text, "sent_at", Instant.now().toEpochMilli()));
            value.put("idempotency_key", i % 2 == 0 ? null : "node-" + i);
            events.add(Map.of("key", olga.id(), "value", value));
        }

        String output = ConfluentProducer.produce(running.stack.bootstrapServers(), running.stack.schemaRegistryUrl(),
                Api.JSON.writeValueAsString(events));

        assertThat(output.lines().filter(l -> l.startsWith("schema-id "))).hasSize(EVENTS)
                .allMatch(l -> l.equals("schema-id " + registeredId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(petr, olga).size() == EVENTS);
        Map<String, String> listed = new HashMap<>();
        api.list(petr, olga).valueStream().forEach(m -> listed.put(m.get("id").asString(), m.get("text").asString()));
        assertThat(listed).isEqualTo(sent);
    }

    @Test
    void unknownSchemaId_andASchemaTheShippedOneCannotRead_areDeadLetteredWithTheReason() throws Exception {
        Api.User rita = api.registerAndLogin("Rita", "rita-secret-1");
        Api.User sasha = api.registerAndLogin("Sasha", "sasha-secret-1");
        Schema other = SchemaBuilder.record("SendMessage").namespace("org.dialogs.schemas").fields()
                .requiredLong("sender_id").requiredString("channel").endRecord();
        int otherId = new ConfluentSchemaRegistry(URI.create(running.stack.schemaRegistryUrl()), Duration.ofSeconds(5))
                .register("other-topic-value", other);
        SendMessage event = SendMessage.newBuilder().setMessageId(MessageIdGenerator.systemDefault().next())
                .setSenderId(Long.parseLong(rita.id())).setRecipientId(Long.parseLong(sasha.id()))
                .setText("written with a schema nobody registered").setSentAt(Instant.now()).build();
        int unknownId = 987_654;
        byte[] channelOnly = new byte[] {ConfluentWireFormat.MAGIC, 0, 0, 0, 0, 2, 2, 'x'};
        java.nio.ByteBuffer.wrap(channelOnly, 1, 4).putInt(otherId);

        String unknownAt = publish(rita.id(), ConfluentWireFormat.encode(unknownId, event));
        String incompatibleAt = publish(rita.id(), channelOnly);

        String kafka = running.stack.bootstrapServers();
        await().atMost(Duration.ofSeconds(30)).until(() -> DeadLetterReasons.read(kafka).keySet()
                .containsAll(List.of(unknownAt, incompatibleAt)));
        Map<String, String> reasons = DeadLetterReasons.read(kafka);
        assertThat(reasons.get(unknownAt)).contains("schema id " + unknownId + " is not registered");
        assertThat(reasons.get(incompatibleAt))
                .contains("schema id " + otherId + " cannot be read as a send-message event")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(api.list(sasha, rita).size()).isZero();
    }

    private static int registeredId() {
        Api registry = new Api(running.stack.schemaRegistryUrl());
        return Api.ok(registry.get("/subjects/" + Topics.SEND_MESSAGE_VALUE_SUBJECT + "/versions/latest", null))
                .get("id").asInt();
    }

    /** Publishes one raw record keyed by {@code key}; where it landed, as partition@offset. */
    private static String publish(String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                running.stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata at = producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE, key, value)).get();
            return at.partition() + "@" + at.offset();
        }
    }

}
