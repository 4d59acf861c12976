package org.dialogs.local;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.dialogs.schemas.Topics;

/**
 * Which process holds which partitions of the send-message topic in a consumer group, read from Kafka: each
 * process names its Kafka clients after itself ({@code spring.kafka.client-id}), and runs one or more consumers.
 */
final class ConsumerGroupView {

    private final String bootstrapServers;
    private final Set<String> processes;

    ConsumerGroupView(String bootstrapServers, Collection<String> processes) {
        this.bootstrapServers = bootstrapServers;
        this.processes = Set.copyOf(processes);
    }

    /** How many processes hold partitions in {@code group} now. */
    long processesHoldingPartitions(String group) throws Exception {
        return members(group).stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                .map(m -> processOf(m.clientId())).distinct().count();
    }

    /** The process whose consumer in {@code group} holds the partition of the records keyed {@code key}. */
    String holderOf(String group, String key) throws Exception {
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                % Topics.DEFAULT_PARTITIONS;
        TopicPartition wanted = new TopicPartition(Topics.SEND_MESSAGE, partition);
        return members(group).stream().filter(m -> m.assignment().topicPartitions().contains(wanted))
                .map(m -> processOf(m.clientId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no member of " + group + " holds " + wanted));
    }

    private Collection<MemberDescription> members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
        }
    }

    private String processOf(String clientId) {
        return processes.stream().filter(name -> clientId.equals(name) || clientId.startsWith(name + "-"))
                .findFirst().orElse(clientId);
    }
}
