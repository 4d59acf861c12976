package org.dialogs.bench;

import java.util.Random;

/**
 * A synthetic send-message stream in event time, as parallel arrays: senders drawn from a Zipf distribution over
 * {@code senders} ids, each writing to one of its 20 contacts, plus one message from every id (the long tail that
 * writes once), plus injected flooders (ids above {@code senders}) writing to random recipients at a fixed rate
 * for a while.
 */
final class ZipfStream {

    final int[] sender;
    final int[] recipient;
    final long[] millis;
    final int flooders;

    private ZipfStream(int size, int flooders) {
        this.sender = new int[size];
        this.recipient = new int[size];
        this.millis = new long[size];
        this.flooders = flooders;
    }

    static ZipfStream generate(int senders, int zipfEvents, double exponent, int eventsPerSecond, int flooders,
            int flooderPerSecond, int flooderSeconds, long seed) {
        Random random = new Random(seed);
        int floodEvents = flooders * flooderPerSecond * flooderSeconds;
        int size = zipfEvents + senders + floodEvents;
        ZipfStream stream = new ZipfStream(size, flooders);
        long span = 1000L * size / eventsPerSecond;
        double[] cumulative = cumulativeWeights(senders, exponent);
        int i = 0;
        for (; i < zipfEvents; i++) {
            stream.sender[i] = 1 + search(cumulative, random.nextDouble() * cumulative[senders - 1]);
        }
        for (int s = 1; s <= senders; s++, i++) {
            stream.sender[i] = s;
        }
        for (int f = 0; f < flooders; f++) {
            for (int k = 0; k < flooderPerSecond * flooderSeconds; k++, i++) {
                stream.sender[i] = senders + 1 + f;
            }
        }
        for (int j = 0; j < zipfEvents + senders; j++) {
            stream.millis[j] = (long) (random.nextDouble() * span);
        }
        int j = zipfEvents + senders;
        for (int f = 0; f < flooders; f++) {
            long start = (long) ((0.2 + 0.6 * random.nextDouble()) * (span - flooderSeconds * 1000L));
            for (int k = 0; k < flooderPerSecond * flooderSeconds; k++, j++) {
                stream.millis[j] = start + k * 1000L / flooderPerSecond;
            }
        }
        // people write to one of their 20 contacts; flooders to anyone
        for (int k = 0; k < size; k++) {
            int from = stream.sender[k];
            stream.recipient[k] = from > senders ? 1 + random.nextInt(senders)
                    : 1 + (int) Math.floorMod(from * 0x9E3779B1L + random.nextInt(20) * 7919L, (long) senders);
        }
        stream.sortByTime();
        return stream;
    }

    int size() {
        return sender.length;
    }

    private static double[] cumulativeWeights(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -exponent);
            cumulative[k - 1] = sum;
        }
        return cumulative;
    }

    private static int search(double[] cumulative, double value) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Orders the events by time, as a topic read in order would deliver them (sort of an index by key). */
    private void sortByTime() {
        int n = size();
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = (millis[k] << 26) | k;
        }
        java.util.Arrays.parallelSort(keys);
        int[] s = new int[n];
        int[] r = new int[n];
        long[] m = new long[n];
        for (int k = 0; k < n; k++) {
            int from = (int) (keys[k] & ((1 << 26) - 1));
            s[k] = sender[from];
            r[k] = recipient[from];
            m[k] = millis[from];
        }
        System.arraycopy(s, 0, sender, 0, n);
        System.arraycopy(r, 0, recipient, 0, n);
        System.arraycopy(m, 0, millis, 0, n);
    }
}
