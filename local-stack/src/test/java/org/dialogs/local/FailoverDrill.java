package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One disruption under a steady stream of sends: measures the stall and checks that every acknowledged message is
 * stored exactly once and that the gateway answered only 200, or 503 with Retry-After; appends a row to a report.
 */
final class FailoverDrill {

    private static final Duration PAUSE = Duration.ofMillis(100);

    /** What one drill measured. */
    record Result(Duration writeStall, Duration ackGap, Map<Integer, Long> statuses, List<String> writerStates,
            long acknowledged, Duration took) {
    }

    private final Api api;
    private final List<Api.User[]> pairs;
    private final String writerUrl;
    private final StoredMessages stored;
    private final Path report;

    FailoverDrill(Api api, List<Api.User[]> pairs, String writerUrl, StoredMessages stored, Path report) {
        this.api = api;
        this.pairs = pairs;
        this.writerUrl = writerUrl;
        this.stored = stored;
        this.report = report;
    }

    /** Streams, runs {@code disruption} once 100 sends are acknowledged, streams until 200 more are. */
    Result run(String name, Runnable disruption) throws Exception {
        Instant began = Instant.now();
        SendStream stream = SendStream.start(api, pairs, PAUSE);
        WriterHealthProbe writer = WriterHealthProbe.start(writerUrl, Duration.ofMillis(200));
        try (writer) {
            try (stream) {
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.okSince(began) >= 100);
                disruption.run();
                Instant after = Instant.now();
                await().atMost(Duration.ofSeconds(90)).until(() -> stream.okSince(after) >= 200);
            }
            List<String> ids = stream.acknowledgedIds();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored.copies(ids).size() == ids.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.states().get(writer.states().size() - 1)
                    .equals("UP"));
        }
        List<String> ids = stream.acknowledgedIds();
        Result result = new Result(Gaps.longest(stored.storedAt(ids)), stream.longestGapBetweenAcknowledgements(),
                stream.statuses(), writer.states(), ids.size(), Duration.between(began, Instant.now()));
        report(name, result);
        assertThat(stored.copies(ids).values()).as("copies of each acknowledged message").allMatch(c -> c == 1);
        // nothing stored twice under another id either: beyond the acknowledged ones, at most those answered 503
        // (a publish that timed out may still have reached Kafka)
        long answered503 = stream.statuses().getOrDefault(503, 0L);
        assertThat(stored.sentSince(pairs.stream().map(p -> p[0].id()).toList(), began))
                .as("messages of the drill's senders stored").isBetween((long) ids.size(), ids.size() + answered503);
        assertThat(stream.statuses().keySet()).as("answers by status").isSubsetOf(Set.of(200, 503));
        assertThat(stream.answers()).filteredOn(a -> a.status() == 503).allMatch(SendStream.Answer::retryAfter);
        return result;
    }

    private void report(String name, Result r) throws IOException {
        String line = "| %s | %d | %s | %.1f s | %.1f s | %s | %.0f s |%n".formatted(name, r.acknowledged(),
                r.statuses(), r.writeStall().toMillis() / 1000.0, r.ackGap().toMillis() / 1000.0,
                String.join(" → ", r.writerStates()), r.took().toMillis() / 1000.0);
        System.out.print(line);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
