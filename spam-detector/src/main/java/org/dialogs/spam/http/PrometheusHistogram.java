package org.dialogs.spam.http;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram read from Prometheus's text format, its series added together: cumulative counts by upper bound,
 * and its quantiles estimated as Prometheus's {@code histogram_quantile} does (linear within a bucket).
 */
record PrometheusHistogram(NavigableMap<Double, Double> cumulative) {

    private static final Pattern BUCKET_LE = Pattern.compile("[{,]le=\"([^\"]+)\"");

    /** The histogram {@code name} (without {@code _bucket}) in {@code exposition}; empty if it has no buckets. */
    static PrometheusHistogram parse(String exposition, String name) {
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        String prefix = name + "_bucket{";
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            Matcher le = BUCKET_LE.matcher(line);
            int valueAt = line.lastIndexOf('}');
            if (le.find() && valueAt > 0) {
                String[] value = line.substring(valueAt + 1).trim().split("\\s+");
                cumulative.merge(bound(le.group(1)), Double.parseDouble(value[0]), Double::sum);
            }
        }
        return new PrometheusHistogram(cumulative);
    }

    /** How many observations it holds. */
    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The {@code q} quantile (0 to 1), in the histogram's unit; NaN when empty. */
    double quantile(double q) {
        double total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // as Prometheus does: the highest finite bound
                }
                double inBucket = bucket.getValue() - below;
                return inBucket == 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - below) / inBucket;
            }
            lowerBound = bucket.getKey();
            below = bucket.getValue();
        }
        return lowerBound;
    }

    private static double bound(String le) {
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
