package org.dialogs.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples the message-writer's Prometheus counters every {@code intervalMillis}: rows stored, batch transactions
 * that failed, extra transactions to single out refused records, dead-lettered records, and the consumer lag.
 */
final class WriterScrape implements AutoCloseable {

    /** The counters at one moment. */
    record Sample(long atMillis, double stored, double failedBatches, double splitTransactions,
            double deadLettered, double lag) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    WriterScrape(String writerUrl, long intervalMillis) {
        this.prometheus = URI.create(writerUrl + "/actuator/prometheus");
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    samples.add(sample());
                    Thread.sleep(intervalMillis); // the sampling cadence
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("writer metrics scrape failed: " + e);
                }
            }
        }, "writer-scrape");
        thread.setDaemon(true);
        thread.start();
    }

    Sample sample() throws Exception {
        String text = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long at = System.currentTimeMillis();
        return new Sample(at, value(text, "dialogs_writer_rows_stored"), value(text, "dialogs_writer_batches_failed"),
                value(text, "dialogs_writer_split_transactions"), value(text, "dialogs_writer_dead_lettered"),
                value(text, "dialogs_writer_consumer_lag"));
    }

    /** The last sample taken at or before {@code atMillis} (the first one if none). */
    Sample at(long atMillis) {
        Sample found = samples.get(0);
        for (Sample s : samples) {
            if (s.atMillis() <= atMillis) {
                found = s;
            }
        }
        return found;
    }

    /** The highest consumer lag sampled in {@code [from, to)}. */
    double maxLag(long from, long to) {
        return samples.stream().filter(s -> s.atMillis() >= from && s.atMillis() < to).mapToDouble(Sample::lag)
                .max().orElse(0);
    }

    private static double value(String text, String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
