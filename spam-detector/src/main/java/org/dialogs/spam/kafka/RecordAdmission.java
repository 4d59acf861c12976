package org.dialogs.spam.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.SendMessageRules;

/**
 * Decides whether a send-message record is counted, and at which event time. A record is refused if it is a
 * tombstone, cannot be decoded, breaks the shared rules (against its key and its broker timestamp) or is dated
 * more than the allowed skew ahead of this detector's clock. An event dated ahead of the clock by less is counted
 * at arrival, so the detector's event time never runs ahead of its clock and no producer can move it. A schema
 * registry that cannot be asked is no verdict: its {@link SchemaRegistryUnavailableException} fails the batch.
 */
final class RecordAdmission {

    /** Why a record was not counted; {@code tag} is the metric's tag value. */
    enum Refusal {
        TOMBSTONE("tombstone"), UNDECODABLE("undecodable"), INVALID("invalid"), AHEAD_OF_CLOCK("ahead-of-clock");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    /** A record's verdict: counted at {@code countAt}, or refused with a reason and what was wrong. */
    record Verdict(SendMessage event, Instant countAt, Refusal refusal, String problem) {

        static Verdict refused(Refusal refusal, String problem) {
            return new Verdict(null, null, refusal, problem);
        }

        boolean counted() {
            return refusal == null;
        }
    }

    private final SendMessageDecoder decoder;
    private final Clock clock;
    private final Duration maxClockSkew;

    RecordAdmission(SendMessageDecoder decoder, Clock clock, Duration maxClockSkew) {
        this.decoder = decoder;
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    Verdict judge(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Verdict.refused(Refusal.TOMBSTONE, "no value");
        }
        SendMessage event;
        try {
            event = decoder.decode(record.value());
        } catch (SchemaRegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            return Verdict.refused(Refusal.UNDECODABLE, e.getMessage());
        }
        List<String> problems = SendMessageRules.violations(record.key(), event,
                Instant.ofEpochMilli(record.timestamp()), maxClockSkew);
        if (!problems.isEmpty()) {
            return Verdict.refused(Refusal.INVALID, String.join("; ", problems));
        }
        Instant now = clock.instant();
        if (event.getSentAt().isAfter(now.plus(maxClockSkew))) {
            return Verdict.refused(Refusal.AHEAD_OF_CLOCK, "sent_at " + event.getSentAt() + " is more than "
                    + maxClockSkew.toSeconds() + " s after this detector's clock " + now);
        }
        Instant countAt = event.getSentAt().isAfter(now) ? now : event.getSentAt();
        return new Verdict(event, countAt, null, null);
    }
}
