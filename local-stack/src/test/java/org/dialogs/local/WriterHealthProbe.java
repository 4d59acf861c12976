package org.dialogs.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/** Polls the message-writer's health and keeps the sequence of distinct states its writer indicator reported. */
final class WriterHealthProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI health;
    private final List<String> states = new ArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    private WriterHealthProbe(String writerUrl) {
        this.health = URI.create(writerUrl + "/actuator/health");
    }

    static WriterHealthProbe start(String writerUrl, Duration every) {
        WriterHealthProbe probe = new WriterHealthProbe(writerUrl);
        probe.poller.scheduleWithFixedDelay(probe::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    private void poll() {
        String state;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            state = JSON.readTree(r.body()).get("components").get("writer").get("status").asString();
        } catch (Exception e) {
            state = "UNREACHABLE";
        }
        synchronized (states) {
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
        }
    }

    /** The writer's states in order, each change once: [UP, DEGRADED, UP] after an outage it recovered from. */
    List<String> states() {
        synchronized (states) {
            return List.copyOf(states);
        }
    }

    @Override
    public void close() throws InterruptedException {
        poller.shutdown();
        poller.awaitTermination(10, TimeUnit.SECONDS);
    }
}
