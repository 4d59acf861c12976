package org.dialogs.spam.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.dialogs.spam.SpamDetectorProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message-writer's accept-to-stored latency as JSON for operators: p50 and p99 since the writer started,
 * computed from the histogram on the writer's Prometheus endpoint ({@code spam-detector.dashboard.writer-metrics-url}).
 */
@RestController
class OpsWriterLatencyController {

    static final String HISTOGRAM = "dialogs_writer_accept_to_stored_seconds";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What the dashboard shows; {@code shown} false hides the panel, {@code message} says why figures are missing. */
    record LatencyView(boolean shown, String source, Long messages, Double p50Ms, Double p99Ms, String message) {

        static LatencyView missing(String source, String message) {
            return new LatencyView(true, source, null, null, null, message);
        }
    }

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    OpsWriterLatencyController(SpamDetectorProperties properties) {
        this.url = properties.dashboard().writerMetricsUrl();
    }

    @GetMapping("/ops/api/writer-latency")
    LatencyView writerLatency() {
        if (url.isEmpty()) {
            return new LatencyView(false, null, null, null, null, "spam-detector.dashboard.writer-metrics-url is not set");
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // shown to the operator on every refresh rather than logged every 10 s
            return LatencyView.missing(url, "could not read the writer's metrics: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LatencyView.missing(url, "interrupted while reading the writer's metrics");
        }
        if (response.statusCode() != 200) {
            return LatencyView.missing(url, "the writer's metrics answered HTTP " + response.statusCode());
        }
        PrometheusHistogram histogram = PrometheusHistogram.parse(response.body(), HISTOGRAM);
        if (histogram.count() == 0) {
            return new LatencyView(true, url, 0L, null, null, "no message stored since the writer started");
        }
        return new LatencyView(true, url, (long) histogram.count(), histogram.quantile(0.5) * 1000,
                histogram.quantile(0.99) * 1000, null);
    }
}
