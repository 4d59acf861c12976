package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.dialogs.schemas.SpamAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway processes in front of one writer, with no stickiness: what one user does through one gateway holds
 * through the other. A list through B right after a send through A shows the message; a retried keyed send through
 * B gets A's id; a flagged sender's limit is one limit, not one per gateway.
 */
class MultiInstanceIT {

    private static ServiceFleet fleet;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void start() throws Exception {
        fleet = ServiceFleet.start(2, 1, 0);
        a = new Api(fleet.gateways().get(0));
        b = new Api(fleet.gateways().get(1));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void sendThroughA_listThroughBAtOnce_showsTheMessage() {
        Api.User ann = a.registerAndLogin("Ann", "ann-secret-1");
        Api.User bob = a.registerAndLogin("Bob", "bob-secret-1");
        for (int round = 0; round < 50; round++) {
            String id = a.send(ann, bob, "round " + round);

            HttpResponse<String> list = b.get("/dialog/" + bob.id() + "/list?limit=1", ann.token());

            assertThat(list.headers().firstValue("X-Dialogs-Possibly-Stale")).as("round %d stale", round).isEmpty();
            assertThat(Api.ok(list).get(0).get("id").asString()).as("round %d newest message", round).isEqualTo(id);
        }
    }

    @Test
    void keyedSendRetriedThroughB_getsTheFirstSendsId_andIsStoredOnce() {
        Api.User cid = a.registerAndLogin("Cid", "cid-secret-1");
        Api.User dee = a.registerAndLogin("Dee", "dee-secret-1");
        for (int round = 0; round < 20; round++) {
            Map<String, String> key = Map.of("Idempotency-Key", "pay-" + round);
            byte[] body = ("{\"text\": \"payment " + round + "\"}").getBytes();

            JsonNode first = Api.ok(a.call("POST", "/dialog/" + dee.id() + "/send", cid.token(), "application/json",
                    body, key));
            JsonNode retry = Api.ok(b.call("POST", "/dialog/" + dee.id() + "/send", cid.token(), "application/json",
                    body, key));

            assertThat(retry.get("id").asString()).as("round %d", round).isEqualTo(first.get("id").asString());
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                fleet.count("SELECT count(*) FROM messages WHERE sender_id = " + cid.id()) == 20);
    }

    @Test
    void flaggedSenderSpreadOverTwoGateways_getsOneBurstInAll() {
        Api.User eve = a.registerAndLogin("Eve", "eve-secret-1");
        Api.User fay = a.registerAndLogin("Fay", "fay-secret-1");
        SpamDecisionsOnTopic decisions = new SpamDecisionsOnTopic(fleet.bootstrapServers());
        decisions.publish(SpamDecisionsOnTopic.decision(eve, SpamAction.FLAGGED));
        decisions.awaitReadBy(fleet.gateways().get(0));
        decisions.awaitReadBy(fleet.gateways().get(1));

        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            Api through = i % 2 == 0 ? a : b;
            int status = through.post("/dialog/" + fay.id() + "/send", eve.token(), "{\"text\": \"cheap\"}")
                    .statusCode();
            assertThat(status).isIn(200, 429);
            accepted += status == 200 ? 1 : 0;
        }

        // the bucket holds 3 and refills one every 10 s: one gateway's worth, not two
        long refills = (System.nanoTime() - start) / 10_000_000_000L + 1;
        assertThat(accepted).as("sends accepted of 12, over two gateways, burst 3 at 6 a minute")
                .isBetween(3, 3 + (int) Math.min(refills, 2));
    }
}
