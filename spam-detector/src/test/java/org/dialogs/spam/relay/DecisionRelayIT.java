package org.dialogs.spam.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.SpamDecisionDeserializer;
import org.dialogs.schemas.SpamDecisionSerializer;
import org.dialogs.schemas.Topics;
import org.dialogs.spam.DecisionStage;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.TestDatabase;
import org.dialogs.spam.decide.FlagStore;
import org.dialogs.spam.decide.SpamDecisions;
import org.dialogs.spam.detect.DetectionRules;
import org.dialogs.spam.detect.RuleBreach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/** The relay on a real PostgreSQL and a real Kafka broker: each stored decision reaches the topic once. */
class DecisionRelayIT {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final int SENDERS = 30;

    private static Path kafkaFolder;
    private static KafkaKraftBroker kafka;
    private static TestDatabase database;
    private static AnnotationConfigApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        kafkaFolder = Files.createTempDirectory("decision-relay-it");
        kafka = KafkaKraftBroker.start(kafkaFolder, 0, Map.of());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(Topics.definitions(3)).all().get();
        }
        database = TestDatabase.start();
        KafkaTemplate<String, SpamDecision> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
                new SpamDecisionSerializer()));
        context = DecisionStage.start(database, Clock.fixed(NOW, ZoneOffset.UTC), c -> {
            c.registerBean("decisionTemplate", KafkaTemplate.class, () -> template);
            c.registerBean(DecisionPublisher.class);
            c.registerBean(RelayLock.class);
            c.registerBean(DecisionRelay.class);
        });
    }

    @AfterAll
    static void stop() {
        context.close();
        database.close();
        kafka.close();
        FileSystemUtils.deleteRecursively(kafkaFolder.toFile());
    }

    @Test
    void decisionsStoredWhileRelayRunsOverlap_eachFlagAndLiftIsPublishedOnce() throws Exception {
        SpamDecisions decisions = context.getBean(SpamDecisions.class);
        // a second relay, as a second detector process would run it, on the same database and topic
        DecisionRelay[] relays = {context.getBean(DecisionRelay.class), new DecisionRelay(
                context.getBean(FlagStore.class), context.getBean(DecisionPublisher.class),
                context.getBean(RelayLock.class), context.getBean(TransactionTemplate.class),
                context.getBean(SpamDetectorProperties.class))};
        ExecutorService periodic = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            DecisionRelay relay = relays[thread % 2];
            runs.add(periodic.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    relay.relay();
                }
            }));
        }
        for (long sender = 1; sender <= SENDERS; sender++) {
            decisions.flag(List.of(breach(sender)));
        }
        for (long sender = 1; sender <= SENDERS; sender += 2) {
            decisions.lift(sender, "operator");
        }
        for (Future<?> run : runs) {
            run.get();
        }
        periodic.shutdown();

        await().atMost(Duration.ofSeconds(20)).until(() -> database.count(
                "SELECT count(*) FROM sender_flags WHERE NOT flag_announced OR (lifted_at IS NOT NULL AND NOT lift_announced)") == 0);
        Map<String, Integer> published = decisionsOnTheTopic();
        for (long sender = 1; sender <= SENDERS; sender++) {
            assertThat(published.get(sender + " " + SpamAction.FLAGGED)).as("FLAGGED of %d", sender).isEqualTo(1);
            assertThat(published.get(sender + " " + SpamAction.LIFTED)).as("LIFTED of %d", sender)
                    .isEqualTo(sender % 2 == 1 ? 1 : null);
        }
    }

    private static RuleBreach breach(long sender) {
        return new RuleBreach(sender, DetectionRules.MESSAGES_RULE, 101, 10, NOW.minusSeconds(1));
    }

    /** How many decisions the topic holds per "sender action". */
    private static Map<String, Integer> decisionsOnTheTopic() {
        Map<String, Integer> counts = new HashMap<>();
        SpamDecisionDeserializer decoder = new SpamDecisionDeserializer();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPAM_DECISION).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SpamDecision decision = decoder.deserialize(r.topic(), r.value());
                    counts.merge(r.key() + " " + decision.getAction(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
