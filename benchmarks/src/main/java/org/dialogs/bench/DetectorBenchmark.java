package org.dialogs.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dialogs.spam.detect.DetectionRules;
import org.dialogs.spam.detect.RuleBreach;
import org.dialogs.spam.detect.SenderRateTracker;

/**
 * Feeds the spam-detector's tracker (the detection core the service runs per consumer) a Zipf stream over
 * millions of senders with injected flooders, in event time, and compares its flags with the exact truth:
 * events per second, memory, detection latency, false positives and negatives.
 */
final class DetectorBenchmark {

    private static final DetectionRules RULES = new DetectionRules(Duration.ofSeconds(10), 100, 20, 10);

    private DetectorBenchmark() {
    }

    static void run(BenchmarkOptions options) {
        int senders = options.integer("senders", 10_000_000);
        int zipfEvents = options.integer("events", 20_000_000);
        double exponent = Double.parseDouble(options.text("exponent", "1.0"));
        int rate = options.integer("events-per-second", 50_000);
        int flooders = options.integer("flooders", 5);
        System.out.printf("machine: %s%n", Machine.describe());
        long start = System.nanoTime();
        ZipfStream stream = ZipfStream.generate(senders, zipfEvents, exponent, rate, flooders, 30, 60, 7);
        System.out.printf("stream: %,d events (Zipf s=%.2f over %,d senders, one message from each, %d flooders "
                + "at 30/s for 60 s), %,d s of event time at %,d events/s; generated in %.0f s%n", stream.size(),
                exponent, senders, flooders, stream.millis[stream.size() - 1] / 1000, rate,
                (System.nanoTime() - start) / 1e9);

        long heapBefore = usedHeap();
        SenderRateTracker tracker = new SenderRateTracker(RULES, 1 << 20, 1, 100_000);
        Map<Integer, RuleBreach> flagged = new HashMap<>();
        start = System.nanoTime();
        Instant epoch = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 0; i < stream.size(); i++) {
            var breach = tracker.record(stream.sender[i], stream.recipient[i], epoch.plusMillis(stream.millis[i]));
            if (breach.isPresent()) {
                // as the detector does once the flag is stored: stop reporting the sender
                tracker.markFlagged(stream.sender[i]);
                flagged.putIfAbsent(stream.sender[i], breach.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeap();
        long trackerBytes = tracker.stateBytes();

        Map<Integer, Long> truth = exactCrossings(stream);
        report(stream, flagged, truth, seconds, trackerBytes, heapAfter - heapBefore, epoch, senders);
    }

    private static void report(ZipfStream stream, Map<Integer, RuleBreach> flagged, Map<Integer, Long> truth,
            double seconds, long trackerBytes, long heapBytes, Instant epoch, int senders) {
        int falsePositives = 0;
        List<Long> latencies = new ArrayList<>();
        List<Long> flooderLatencies = new ArrayList<>();
        for (var e : flagged.entrySet()) {
            Long crossed = truth.get(e.getKey());
            if (crossed == null) {
                falsePositives++;
            } else {
                long latency = e.getValue().crossedAt().toEpochMilli() - epoch.toEpochMilli() - crossed;
                (e.getKey() > senders ? flooderLatencies : latencies).add(latency);
            }
        }
        long falseNegatives = truth.keySet().stream().filter(s -> !flagged.containsKey(s)).count();
        long floodersFound = flagged.keySet().stream().filter(s -> s > senders).count();
        latencies.sort(Long::compare);
        flooderLatencies.sort(Long::compare);
        System.out.printf("%n| events per second (one thread) | %,.0f |%n", stream.size() / seconds);
        System.out.printf("| detector state (sketches + exact windows, its own estimate) | %.1f MiB |%n",
                trackerBytes / 1048576.0);
        System.out.printf("| heap retained after the run | %.1f MiB |%n", heapBytes / 1048576.0);
        System.out.printf("| senders that truly broke a rule | %,d (of them injected flooders: %d of %d) |%n",
                truth.size(), truth.keySet().stream().filter(s -> s > senders).count(), stream.flooders);
        System.out.printf("| flagged | %,d (flooders: %d of %d) |%n", flagged.size(), floodersFound,
                stream.flooders);
        System.out.printf("| false positives | %d |%n", falsePositives);
        System.out.printf("| false negatives | %d |%n", falseNegatives);
        printLatency("injected flooders", flooderLatencies);
        printLatency("heavy organic senders", latencies);
    }

    private static void printLatency(String who, List<Long> sorted) {
        if (!sorted.isEmpty()) {
            System.out.printf("| detection latency of %s, event time (median / p99 / max) | %d / %d / %d ms |%n",
                    who, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                    sorted.get(sorted.size() - 1));
        }
    }

    /** For every sender that ever broke a rule, exactly, the event time (ms) of the message that broke it. */
    private static Map<Integer, Long> exactCrossings(ZipfStream stream) {
        int[] counts = new int[java.util.Arrays.stream(stream.sender).max().orElse(0) + 1];
        for (int s : stream.sender) {
            counts[s]++;
        }
        int minimum = Math.min(RULES.maxMessages(), RULES.maxRecipients()) + 1;
        Map<Integer, ArrayDeque<Long>> times = new HashMap<>();
        Map<Integer, LinkedHashMap<Integer, Long>> recipients = new HashMap<>();
        Map<Integer, Long> crossed = new HashMap<>();
        long window = RULES.window().toMillis();
        for (int i = 0; i < stream.size(); i++) {
            int s = stream.sender[i];
            if (counts[s] < minimum || crossed.containsKey(s)) {
                continue;
            }
            long t = stream.millis[i];
            ArrayDeque<Long> mine = times.computeIfAbsent(s, k -> new ArrayDeque<>());
            mine.addLast(t);
            while (mine.peekFirst() <= t - window) {
                mine.removeFirst();
            }
            LinkedHashMap<Integer, Long> to = recipients.computeIfAbsent(s, k -> new LinkedHashMap<>(16, 0.75f, true));
            to.put(stream.recipient[i], t);
            to.values().removeIf(last -> last <= t - window);
            if (mine.size() > RULES.maxMessages() || to.size() > RULES.maxRecipients()) {
                crossed.put(s, t);
                times.remove(s);
                recipients.remove(s);
            }
        }
        return crossed;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
