package org.dialogs.local;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * A steady stream of sends through the gateway's REST API, one message per sender every {@code pause}, each
 * answer recorded; paced below the spam-detector's threshold so no sender is throttled.
 */
final class SendStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer: when it came, its status, the message id of a 200, whether a 503 said Retry-After. */
    record Answer(Instant at, int status, String id, boolean retryAfter) {
    }

    private final Supplier<Api> api;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService senders;

    private SendStream(Supplier<Api> api, int senderCount) {
        this.api = api;
        this.senders = Executors.newScheduledThreadPool(senderCount);
    }

    /** Starts each of {@code pairs} sending to its peer every {@code pause}. */
    static SendStream start(Api api, List<Api.User[]> pairs, Duration pause) {
        return start(() -> api, pairs, pause);
    }

    /** As {@link #start(Api, List, Duration)}, each send through the gateway {@code api} gives at that moment. */
    static SendStream start(Supplier<Api> api, List<Api.User[]> pairs, Duration pause) {
        SendStream stream = new SendStream(api, pairs.size());
        for (Api.User[] pair : pairs) {
            stream.senders.scheduleWithFixedDelay(() -> stream.sendOne(pair[0], pair[1]), 0, pause.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return stream;
    }

    private void sendOne(Api.User from, Api.User to) {
        try {
            HttpResponse<String> r = api.get().post("/dialog/" + to.id() + "/send", from.token(),
                    JSON.writeValueAsString(Map.of("text", "drill " + Instant.now())));
            String id = r.statusCode() == 200 ? JSON.readTree(r.body()).get("id").asString() : null;
            answers.add(new Answer(Instant.now(), r.statusCode(), id,
                    r.headers().firstValue("Retry-After").isPresent()));
        } catch (RuntimeException e) {
            // no answer at all (a timeout): recorded as status 0, which the drills refuse like a 500
            answers.add(new Answer(Instant.now(), 0, null, false));
        }
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    long okSince(Instant since) {
        return answers.stream().filter(a -> a.status() == 200 && a.at().isAfter(since)).count();
    }

    /** How many answers had each status. */
    Map<Integer, Long> statuses() {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new,
                Collectors.counting()));
    }

    List<String> acknowledgedIds() {
        return answers.stream().filter(a -> a.status() == 200).map(Answer::id).toList();
    }

    /** The longest time between two 200 answers. */
    Duration longestGapBetweenAcknowledgements() {
        return Gaps.longest(answers.stream().filter(a -> a.status() == 200).map(Answer::at).sorted().toList());
    }

    @Override
    public void close() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
    }
}
