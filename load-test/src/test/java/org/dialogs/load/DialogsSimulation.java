package org.dialogs.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Sends and lists at a constant arrival rate against a running dialogs gateway, after registering its users;
 * then prints the writer's accept-to-stored p50 and p99 over the run. Open model: each virtual user makes one
 * request and arrivals never wait for answers, so a slow system cannot slow the load down (no coordinated
 * omission). Run: {@code mvn -B -pl load-test gatling:test -Ddialogs.rate=50 -Ddialogs.duration=20s}.
 */
public class DialogsSimulation extends Simulation {

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private volatile List<LoadUsers.User> users;
    private volatile WriterLatency writerBefore;

    {
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
                .acceptHeader("application/json").contentTypeHeader("application/json")
                // virtual users share a connection pool, as clients behind one load balancer would
                .shareConnections();

        ScenarioBuilder oneRequest = scenario("send or list").feed(conversations())
                .randomSwitch().on(
                        percent(settings.sendPercent()).then(exec(http("send").post("/dialog/#{peer}/send")
                                .header("Authorization", "Bearer #{token}")
                                .body(StringBody("{\"text\":\"#{text}\"}")).check(status().is(200)))),
                        percent(100 - settings.sendPercent()).then(exec(http("list")
                                .get("/dialog/#{peer}/list?limit=20")
                                .header("Authorization", "Bearer #{token}").check(status().is(200)))));

        setUp(oneRequest.injectOpen(
                rampUsersPerSec(1).to(settings.rate()).during(settings.ramp()),
                constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    @Override
    public void before() {
        System.out.printf("dialogs load test: %s, %d users with %d peers each, %.0f requests/s (%.0f%% sends) for %s"
                        + " after a %s ramp; %.1f messages per user per 10 s (spam rule: > %d)%n",
                settings.baseUrl(), settings.users(), settings.peers(), settings.rate(), settings.sendPercent(),
                settings.duration(), settings.ramp(), settings.messagesPerUserPer10s(),
                LoadSettings.SPAM_MAX_MESSAGES_PER_10S);
        long start = System.nanoTime();
        users = new LoadUsers(settings.baseUrl()).register(settings.users());
        System.out.printf("registered and logged in %d users in %.1f s%n", users.size(),
                (System.nanoTime() - start) / 1e9);
        if (!settings.writerMetricsUrl().isEmpty()) {
            writerBefore = WriterLatency.read(settings.writerMetricsUrl());
        }
    }

    @Override
    public void after() {
        if (writerBefore == null) {
            return;
        }
        WriterLatency during = awaitWriterSettled();
        System.out.printf("writer accept-to-stored over the run (%s): %d messages stored, p50 %.1f ms, p99 %.1f ms%n",
                settings.writerMetricsUrl(), during.count(), during.quantileMillis(0.5), during.quantileMillis(0.99));
    }

    /** The histogram since {@link #before}, once the writer has stored what was sent (its count stops moving). */
    private WriterLatency awaitWriterSettled() {
        WriterLatency last = WriterLatency.read(settings.writerMetricsUrl()).since(writerBefore);
        for (int i = 0; i < 30; i++) {
            sleepOneSecond();
            WriterLatency now = WriterLatency.read(settings.writerMetricsUrl()).since(writerBefore);
            if (now.count() == last.count()) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Each request's sender (its token) and one of the sender's fixed peers, chosen at random. */
    private Iterator<Map<String, Object>> conversations() {
        return Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int sender = random.nextInt(users.size());
            int peer = (sender + 1 + random.nextInt(settings.peers())) % users.size();
            return Map.<String, Object>of("token", users.get(sender).token(), "peer", users.get(peer).id(),
                    "text", "load test message " + random.nextLong(1_000_000_000L));
        }).iterator();
    }

    private static void sleepOneSecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
