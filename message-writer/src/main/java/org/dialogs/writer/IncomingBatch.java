package org.dialogs.writer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.SendMessageRules;

/** One poll of raw send-message records, decoded and checked: the events to store and the records to reject. */
record IncomingBatch(List<Accepted> accepted, List<Rejected> rejected) {

    /** A record that decodes and keeps the contract's rules, with its event. */
    record Accepted(ConsumerRecord<String, byte[]> record, SendMessage event) {
    }

    /** A record that cannot be stored, and why. */
    record Rejected(ConsumerRecord<String, byte[]> record, Exception reason) {
    }

    /**
     * Decodes and checks every record; {@code maxClockSkew} bounds how far ahead of its record's time an event is.
     * A schema registry that cannot be asked fails the whole poll (it is retried), as a database outage does.
     */
    static IncomingBatch of(List<ConsumerRecord<String, byte[]>> records, SendMessageDecoder decoder,
            Duration maxClockSkew) {
        List<Accepted> accepted = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                SendMessage event = decoder.decode(record.value());
                if (event == null) {
                    throw new InvalidSendMessageException("record has no value");
                }
                List<String> violations = SendMessageRules.violations(record.key(), event,
                        Instant.ofEpochMilli(record.timestamp()), maxClockSkew);
                if (!violations.isEmpty()) {
                    throw new InvalidSendMessageException(String.join("; ", violations));
                }
                accepted.add(new Accepted(record, event));
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                rejected.add(new Rejected(record, e));
            }
        }
        return new IncomingBatch(accepted, rejected);
    }

    /** The events of the accepted records, in poll order. */
    List<SendMessage> events() {
        return accepted.stream().map(Accepted::event).toList();
    }
}
