package org.dialogs.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer's accept-to-stored histogram ({@code dialogs_writer_accept_to_stored_seconds}) read from its
 * Prometheus endpoint: cumulative counts by upper bound, all series added, so that two readings give the
 * quantiles of what happened between them (as Prometheus's {@code histogram_quantile} estimates them).
 */
record WriterLatency(NavigableMap<Double, Double> cumulative) {

    private static final String BUCKET = "dialogs_writer_accept_to_stored_seconds_bucket{";
    private static final Pattern LE = Pattern.compile("[{,]le=\"([^\"]+)\"\\}?.*}\\s+(\\S+)");

    static WriterLatency read(String url) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return parse(body);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the writer's metrics at " + url + ": " + e, e);
        }
    }

    static WriterLatency parse(String exposition) {
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = LE.matcher(line);
            if (line.startsWith(BUCKET) && m.find()) {
                double bound = "+Inf".equals(m.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                cumulative.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return new WriterLatency(cumulative);
    }

    /** What was observed after {@code earlier}, a reading of the same writer. */
    WriterLatency since(WriterLatency earlier) {
        NavigableMap<Double, Double> delta = new TreeMap<>();
        cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
        return new WriterLatency(delta);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /** The {@code q} quantile in milliseconds, interpolated within its bucket; NaN when empty. */
    double quantileMillis(double q) {
        double rank = q * count();
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (count() > 0 && bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower * 1000;
                }
                double in = bucket.getValue() - below;
                return 1000 * (in == 0 ? bucket.getKey() : lower + (bucket.getKey() - lower) * (rank - below) / in);
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return Double.NaN;
    }
}
