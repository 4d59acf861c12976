package org.dialogs.writer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDeserializer;
import org.dialogs.schemas.SendMessageRules;

/** One poll of raw send-message records, decoded and checked: the events to store and the records to reject. */
record IncomingBatch(List<SendMessage> events, List<Rejected> rejected) {

    /** A record that cannot be stored, and why. */
    record Rejected(ConsumerRecord<String, byte[]> record, Exception reason) {
    }

    private static final SendMessageDeserializer DESERIALIZER = new SendMessageDeserializer();

    static IncomingBatch of(List<ConsumerRecord<String, byte[]>> records) {
        List<SendMessage> events = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                SendMessage event = DESERIALIZER.deserialize(record.topic(), record.value());
                if (event == null) {
                    throw new InvalidSendMessageException("record has no value");
                }
                List<String> violations = SendMessageRules.violations(event);
                if (!violations.isEmpty()) {
                    throw new InvalidSendMessageException(String.join("; ", violations));
                }
                events.add(event);
            } catch (RuntimeException e) {
                rejected.add(new Rejected(record, e));
            }
        }
        return new IncomingBatch(events, rejected);
    }
}
