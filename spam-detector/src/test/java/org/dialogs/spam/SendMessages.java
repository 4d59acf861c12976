package org.dialogs.spam;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;

/** Send-message records as the detector's consumer receives them, stamped with a broker time of the test's choice. */
public final class SendMessages {

    private static final MessageIdGenerator IDS = MessageIdGenerator.systemDefault();
    private static final SendMessageSerializer SERIALIZER = new SendMessageSerializer();

    private final int partition;
    private long nextOffset;

    public SendMessages(int partition) {
        this.partition = partition;
    }

    /** The next record on this partition: {@code sender} to {@code recipient}, sent at {@code sentAt}. */
    public ConsumerRecord<String, byte[]> record(long sender, long recipient, Instant sentAt, Instant brokerTime) {
        SendMessage event = SendMessage.newBuilder().setMessageId(IDS.next()).setSenderId(sender)
                .setRecipientId(recipient).setText("hello").setSentAt(sentAt).build();
        return raw(Topics.senderKey(sender), SERIALIZER.serialize(Topics.SEND_MESSAGE, event), brokerTime);
    }

    /** The next record on this partition with this key and value (null: a tombstone). */
    public ConsumerRecord<String, byte[]> raw(String key, byte[] value, Instant brokerTime) {
        return new ConsumerRecord<>(Topics.SEND_MESSAGE, partition, nextOffset++, brokerTime.toEpochMilli(),
                TimestampType.LOG_APPEND_TIME, -1, value == null ? -1 : value.length, key, value,
                new RecordHeaders(), java.util.Optional.empty());
    }
}
