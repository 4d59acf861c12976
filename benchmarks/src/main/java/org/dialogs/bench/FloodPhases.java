package org.dialogs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The flood benchmark's figures per phase of the isolation: each normal send belongs to the phase its gateway
 * accept time ({@code sent_at}) falls in; the writer's throughput is its rows stored over the phase's span.
 */
final class FloodPhases {

    /** A named span of wall-clock time. */
    record Phase(String name, long fromMillis, long toMillis) {
        boolean contains(long millis) {
            return millis >= fromMillis && millis < toMillis;
        }

        double seconds() {
            return (toMillis - fromMillis) / 1000.0;
        }
    }

    private FloodPhases() {
    }

    /** Before the flag, from the flag to the job's start, while it runs, after it ended (empty ones left out). */
    static List<Phase> of(long warmEnd, Long flagged, Long started, Long finished, long end) {
        List<Phase> phases = new ArrayList<>();
        long f = flagged == null ? end : flagged;
        long s = started == null ? f : Math.max(f, started);
        long d = finished == null ? end : Math.max(s, finished);
        add(phases, "before the flag", warmEnd, f);
        add(phases, "flagged, job not started", f, s);
        add(phases, finished == null ? "isolation running (not ended by the end)" : "isolation running", s, d);
        add(phases, "after the isolation", d, end);
        return phases;
    }

    private static void add(List<Phase> phases, String name, long from, long to) {
        if (to > from) {
            phases.add(new Phase(name, from, to));
        }
    }

    static String row(Phase phase, List<FloodSend> sends, WriterScrape writer) {
        List<FloodSend> in = sends.stream().filter(s -> s.stored() && phase.contains(s.sentAtMillis)).toList();
        long[] acceptToStored = in.stream().mapToLong(s -> s.storedMillis - s.sentAtMillis).sorted().toArray();
        long[] dueToStored = in.stream().mapToLong(s -> s.storedMillis - s.dueMillis).sorted().toArray();
        WriterScrape.Sample a = writer.at(phase.fromMillis());
        WriterScrape.Sample b = writer.at(phase.toMillis());
        double span = Math.max(0.001, (b.atMillis() - a.atMillis()) / 1000.0);
        return "| %s | %.1f s | %,d | %s | %s | %s | %s | %,.0f | %.0f | %.0f |".formatted(phase.name(),
                phase.seconds(), in.size(), ms(percentile(acceptToStored, 0.50)), ms(percentile(acceptToStored, 0.99)),
                ms(max(acceptToStored)), ms(percentile(dueToStored, 0.99)), (b.stored() - a.stored()) / span,
                b.failedBatches() - a.failedBatches(), writer.maxLag(phase.fromMillis(), phase.toMillis()));
    }

    static String header() {
        return """
                | phase (by accept time) | span | normal msgs stored | accept→stored p50 | p99 | max \
                | due→stored p99 | writer rows/s | failed batches | max consumer lag |
                |---|---|---|---|---|---|---|---|---|---|""";
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private static String ms(long millis) {
        return millis < 0 ? "–" : "%,d ms".formatted(millis);
    }
}
