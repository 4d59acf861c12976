package org.dialogs.local;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady stream of sends over real HTTP from several client threads, spread over the gateways a fleet runs,
 * until stopped: it keeps the id of every send answered 200 and counts every other outcome, a request that got
 * no answer at all (its gateway was killed) included.
 */
final class FleetSendStream implements AutoCloseable {

    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();

    /**
     * Starts {@code threads} clients; each sends every {@code pause} from a user of {@code users} to the next one,
     * through the gateway {@code gateway} gives at that moment.
     */
    FleetSendStream(List<Api.User> users, int threads, Duration pause, Supplier<String> gateway) {
        clients = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.submit(() -> run(users, thread, threads, pause, gateway));
        }
    }

    private void run(List<Api.User> users, int thread, int threads, Duration pause, Supplier<String> gateway) {
        for (int i = thread; running.get(); i += threads) {
            Api.User from = users.get(i % users.size());
            Api.User to = users.get((i + 1) % users.size());
            try {
                HttpResponse<String> answer = new Api(gateway.get()).post("/dialog/" + to.id() + "/send",
                        from.token(), "{\"text\": \"stream " + i + "\"}");
                count(Integer.toString(answer.statusCode()));
                if (answer.statusCode() == 200) {
                    acknowledged.add(Api.JSON.readTree(answer.body()).get("id").asString());
                } else if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                    unavailableWithoutRetryAfter.incrementAndGet();
                }
            } catch (RuntimeException e) {
                count("no answer");
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
    }

    /** The ids of the messages answered 200 so far. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** How many requests ended how: {@code 200}, {@code 503}, {@code no answer}, ... */
    Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outcomes.forEach((outcome, n) -> counts.put(outcome, n.get()));
        return counts;
    }

    /** How many 503 answers came without a Retry-After header. */
    int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    /** Stops the clients and waits for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
    }
}
