package org.dialogs.schemas;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Names and settings of the Kafka topics that make up the public contract. */
public final class Topics {

    /** Send-message events ({@link SendMessage}), keyed by the sender id as a decimal string. */
    public static final String SEND_MESSAGE = "dialogs.send-message";

    /**
     * The schema registry subject of send-message values, by Confluent's default naming ({@code TopicNameStrategy}:
     * the topic, then {@code -value}).
     */
    public static final String SEND_MESSAGE_VALUE_SUBJECT = SEND_MESSAGE + "-value";

    /** Send-message records that could not be decoded or were invalid, with headers saying why. */
    public static final String SEND_MESSAGE_DEAD_LETTER = "dialogs.send-message.dlt";

    /** Spam decisions ({@link SpamDecision}), keyed by sender id; compacted: the latest per sender is its state. */
    public static final String SPAM_DECISION = "dialogs.spam-decision";

    /** Partitions of the keyed topics where nothing else is chosen: the embedded default and docker-compose. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    /**
     * Every topic of the system as it must be created, with {@code partitions} partitions for the keyed ones.
     * The send-message topic stamps records with the broker's clock ({@code LogAppendTime}): the rules bound an
     * event's {@code sent_at} by that time, which a producer cannot choose. The decision topic is compacted: the
     * latest decision per sender is its state.
     */
    public static List<NewTopic> definitions(int partitions) {
        return List.of(
                new NewTopic(SEND_MESSAGE, partitions, (short) -1).configs(
                        Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")),
                new NewTopic(SEND_MESSAGE_DEAD_LETTER, 1, (short) -1),
                new NewTopic(SPAM_DECISION, partitions, (short) -1).configs(
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /** The record key for a message from {@code senderId}: all of one sender's messages share a partition. */
    public static String senderKey(long senderId) {
        return Long.toString(senderId);
    }
}
