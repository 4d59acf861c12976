package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.SpamDecisionSerializer;
import org.dialogs.schemas.Topics;

/** Spam decisions published straight to the decision topic, as the spam-detector would, and gateways reading them. */
final class SpamDecisionsOnTopic {

    private final String bootstrapServers;

    SpamDecisionsOnTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    static SpamDecision decision(Api.User sender, SpamAction action) {
        boolean flagged = action == SpamAction.FLAGGED;
        return SpamDecision.newBuilder().setDecisionId(UUID.randomUUID()).setSenderId(Long.parseLong(sender.id()))
                .setAction(action).setRule(flagged ? "messages-per-window" : null).setObserved(flagged ? 250L : null)
                .setWindowSeconds(flagged ? 10 : null).setDecidedAt(Instant.now())
                .setDecidedBy(flagged ? "spam-detector" : "operator@example.org").build();
    }

    void publish(SpamDecision decision) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "acks", "all"), new StringSerializer(), new SpamDecisionSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SPAM_DECISION, Topics.senderKey(decision.getSenderId()),
                    decision)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + decision, e);
        }
    }

    /** Waits until the gateway at {@code url} has read every record of the decision topic, applied or skipped. */
    void awaitReadBy(String url) {
        long published = recordsInTopic();
        await().atMost(Duration.ofSeconds(30)).until(() -> decisionsRead(url) >= published);
    }

    private long recordsInTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.SPAM_DECISION)).allTopicNames().get().get(Topics.SPAM_DECISION)
                    .partitions().forEach(p -> latest.put(new TopicPartition(Topics.SPAM_DECISION, p.partition()),
                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long decisionsRead(String url) {
        HttpResponse<String> metrics = new Api(url).get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        return (long) metrics.body().lines()
                .filter(line -> line.startsWith("dialogs_gateway_spam_decisions_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
