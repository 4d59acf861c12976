package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.gateway.ApiGatewayApplication;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Senders the spam-detector flags are limited by every gateway until an operator lifts the flag. */
class SenderThrottleIT {

    /** The defaults of {@code api-gateway.throttle}. */
    private static final int BURST = 3;
    private static final int PER_MINUTE = 6;

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void flaggedSender_getsTheBurstThen429_othersAreNotLimited_andALiftEndsIt() {
        Api.User sven = api.registerAndLogin("Sven", "sven-secret-1");
        Api.User olga = api.registerAndLogin("Olga", "olga-secret-1");
        publishUndecodable(sven);
        publish(decision(sven, SpamAction.FLAGGED));
        awaitDecisionsRead(running.gateway());

        for (int i = 0; i < BURST; i++) {
            assertThat(send(api, sven, olga).statusCode()).as("send %d of the burst", i + 1).isEqualTo(200);
        }
        HttpResponse<String> refused = send(api, sven, olga);
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L / PER_MINUTE);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("code").asInt()).isEqualTo(429);
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(error.get("message").asString()).matches("you are sending too fast: your account is limited to "
                + PER_MINUTE + " messages a minute after a spam report; retry in [0-9]+ s");
        assertThat(api.post("/dialog/" + olga.id() + "/send", sven.token(), "{\"text\": \" \"}").statusCode())
                .as("a bad request is still a 400").isEqualTo(400);
        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(send(api, olga, sven).statusCode()).as("Olga's send %d", i + 1).isEqualTo(200);
        }

        publish(decision(sven, SpamAction.LIFTED));
        awaitDecisionsRead(running.gateway());

        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(send(api, sven, olga).statusCode()).as("send %d after the lift", i + 1).isEqualTo(200);
        }
    }

    @Test
    void aGatewayStartedAfterTheDecisions_readsThemAllFromTheBeginning() {
        Api.User fedor = api.registerAndLogin("Fedor", "fedor-secret-1");
        Api.User lena = api.registerAndLogin("Lena", "lena-secret-1");
        Api.User petr = api.registerAndLogin("Petr", "petr-secret-1");
        publish(decision(fedor, SpamAction.FLAGGED));
        publish(decision(lena, SpamAction.FLAGGED));
        publish(decision(lena, SpamAction.LIFTED));

        try (ConfigurableApplicationContext late = startGateway()) {
            String url = "http://localhost:" + ((WebServerApplicationContext) late).getWebServer().getPort();
            Api lateApi = new Api(url);
            awaitDecisionsRead(url);

            for (int i = 0; i < BURST; i++) {
                assertThat(send(lateApi, fedor, petr).statusCode()).as("send %d of the burst", i + 1)
                        .isEqualTo(200);
            }
            assertThat(send(lateApi, fedor, petr).statusCode()).isEqualTo(429);
            for (int i = 0; i < 2 * BURST; i++) {
                assertThat(send(lateApi, lena, petr).statusCode()).as("lifted sender's send %d", i + 1)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void servedOpenApi_documentsThe429OfSend_withRetryAfter() {
        JsonNode send = Api.ok(api.get("/v3/api-docs", null)).get("paths").get("/dialog/{user_id}/send").get("post");

        JsonNode tooFast = send.get("responses").get("429");
        assertThat(tooFast.get("description").asString()).contains("spam-detector");
        assertThat(tooFast.get("headers").has("Retry-After")).isTrue();
        assertThat(tooFast.get("content").get("application/json").get("schema").get("$ref").asString())
                .isEqualTo("#/components/schemas/ApiError");
        assertThat(Api.ok(api.get("/v3/api-docs", null)).get("paths").get("/dialog/{user_id}/list").get("get")
                .get("responses").has("429")).as("only send is throttled").isFalse();
    }

    private static HttpResponse<String> send(Api through, Api.User from, Api.User to) {
        return through.post("/dialog/" + to.id() + "/send", from.token(), "{\"text\": \"buy cheap watches\"}");
    }

    /** A record under the sender's key, so on its partition, that no gateway can decode. */
    private static void publishUndecodable(Api.User sender) {
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SPAM_DECISION, sender.id(),
                    "{\"action\": \"FLAGGED\"}".getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish a garbage record", e);
        }
    }

    private static Map<String, Object> producerConfig() {
        return Map.of("bootstrap.servers", running.stack.bootstrapServers(), "acks", "all");
    }

    private static SpamDecision decision(Api.User sender, SpamAction action) {
        return SpamDecisionsOnTopic.decision(sender, action);
    }

    private static void publish(SpamDecision decision) {
        new SpamDecisionsOnTopic(running.stack.bootstrapServers()).publish(decision);
    }

    private static void awaitDecisionsRead(String url) {
        new SpamDecisionsOnTopic(running.stack.bootstrapServers()).awaitReadBy(url);
    }

    private static ConfigurableApplicationContext startGateway() {
        return ApiGatewayApplication.application().registerShutdownHook(false).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.flyway.enabled=false",
                "--spring.kafka.bootstrap-servers=" + running.stack.bootstrapServers(),
                "--spring.datasource.url=" + running.stack.jdbcUrl());
    }
}
