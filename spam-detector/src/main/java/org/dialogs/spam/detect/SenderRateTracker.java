package org.dialogs.spam.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Counts messages per sender in event time and says when one breaks a rule. Everyone is counted approximately in
 * sketches of fixed size, one per window-long epoch; a sender the sketches put at {@code candidateMessages} in
 * the current and previous epoch gets an exact sliding window from then on. Memory is bounded by the sketches
 * plus {@code maxCandidates} exact windows, whatever the number of senders. Not thread-safe: one thread feeds it.
 */
public final class SenderRateTracker {

    /** A watched sender now: its messages and distinct recipients in the window ending at its newest message. */
    public record Candidate(long senderId, long messages, int recipients, Instant newest) {
    }

    private static final long EVENTS_BETWEEN_SWEEPS = 10_000;

    private final DetectionRules rules;
    private final EpochSketches sketches;
    private final int maxCandidates;
    private final Map<Long, CandidateWindow> candidates = new HashMap<>();
    private final Set<Long> flagged = new HashSet<>();
    private long newestMillis = Long.MIN_VALUE;
    private long events;

    /** @param lateEpochs how many windows back an event may be late and still count */
    public SenderRateTracker(DetectionRules rules, int sketchWidth, int lateEpochs, int maxCandidates) {
        this.rules = rules;
        this.sketches = new EpochSketches(2 + lateEpochs, sketchWidth);
        this.maxCandidates = maxCandidates;
    }

    /**
     * Counts one message; a breach while its sender is over a limit. The breach is reported again for each further
     * message until the caller, having stored its decision, calls {@link #markFlagged}: a decision that could not be
     * stored is not lost.
     */
    public Optional<RuleBreach> record(long sender, long recipient, Instant sentAt) {
        long millis = sentAt.toEpochMilli();
        long epoch = Math.floorDiv(millis, rules.windowMillis());
        newestMillis = Math.max(newestMillis, millis);
        if (++events % EVENTS_BETWEEN_SWEEPS == 0) {
            sweep();
        }
        if (!sketches.add(sender, epoch) || flagged.contains(sender)) {
            return Optional.empty();
        }
        CandidateWindow window = candidates.get(sender);
        if (window == null) {
            int estimate = sketches.estimate(sender, epoch) + sketches.estimate(sender, epoch - 1);
            if (estimate < rules.candidateMessages()) {
                return Optional.empty();
            }
            window = watch(sender);
        }
        window.add(millis, recipient);
        return breach(sender, window, sentAt);
    }

    /** Stops reporting {@code sender} until {@link #unflag}: its flag is stored, now or before a restart. */
    public void markFlagged(long sender) {
        flagged.add(sender);
        candidates.remove(sender);
    }

    /** Lets {@code sender} be flagged again (its flag was lifted). */
    public void unflag(long sender) {
        flagged.remove(sender);
    }

    /** The watched senders, busiest first. */
    public List<Candidate> candidates(int limit) {
        List<Candidate> all = new ArrayList<>(candidates.size());
        candidates.forEach((sender, w) -> all.add(
                new Candidate(sender, w.messages(), w.recipients(), Instant.ofEpochMilli(w.newest()))));
        all.sort(Comparator.comparingLong(Candidate::messages).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    public int watchedSenders() {
        return candidates.size();
    }

    /** An estimate of the memory this tracker holds, in bytes. */
    public long stateBytes() {
        return sketches.bytes() + (long) candidates.size() * CandidateWindow.estimatedBytes(rules.maxMessages())
                + flagged.size() * 64L;
    }

    public DetectionRules rules() {
        return rules;
    }

    private CandidateWindow watch(long sender) {
        if (candidates.size() >= maxCandidates) {
            sweep();
        }
        CandidateWindow window = new CandidateWindow(rules.windowMillis(), rules.maxMessages() + 1);
        if (candidates.size() < maxCandidates) {
            candidates.put(sender, window);
        }
        return window;
    }

    private Optional<RuleBreach> breach(long sender, CandidateWindow window, Instant at) {
        long messages = window.messages();
        if (messages > rules.maxMessages()) {
            return Optional.of(new RuleBreach(sender, DetectionRules.MESSAGES_RULE, messages,
                    rules.windowSeconds(), at));
        }
        int recipients = window.recipients();
        if (recipients > rules.maxRecipients()) {
            return Optional.of(new RuleBreach(sender, DetectionRules.RECIPIENTS_RULE, recipients,
                    rules.windowSeconds(), at));
        }
        return Optional.empty();
    }

    /** Drops watched senders whose newest message left the window; if still full, the least busy half. */
    private void sweep() {
        long start = newestMillis - rules.windowMillis();
        candidates.values().removeIf(w -> w.newest() <= start);
        if (candidates.size() >= maxCandidates) {
            List<Map.Entry<Long, CandidateWindow>> byLoad = new ArrayList<>(candidates.entrySet());
            byLoad.sort(Comparator.comparingLong(e -> e.getValue().messages()));
            Iterator<Map.Entry<Long, CandidateWindow>> quiet = byLoad.iterator();
            for (int i = 0; i < byLoad.size() / 2 && quiet.hasNext(); i++) {
                candidates.remove(quiet.next().getKey());
            }
        }
    }
}
