package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.NewTopic;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;

/** docker-compose.yml creates exactly the topics {@link Topics#definitions} defines, with the same settings. */
class ComposeTopicsTest {

    /** A topic as a line of {@code kafka-topics.sh --create} or a definition describes it. */
    private record Topic(String name, int partitions, Map<String, String> configs) {
    }

    @Test
    void composeFile_createsTheDefinedTopics() throws IOException {
        List<Topic> defined = Topics.definitions(Topics.DEFAULT_PARTITIONS).stream()
                .map(ComposeTopicsTest::of).toList();

        assertThat(composeTopics(Files.readString(Path.of("..", "docker-compose.yml"))))
                .containsExactlyInAnyOrderElementsOf(defined);
    }

    private static Topic of(NewTopic topic) {
        return new Topic(topic.name(), topic.numPartitions(),
                new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs()));
    }

    /** Every topic the compose file's {@code kafka-topics.sh --create} commands make. */
    private static List<Topic> composeTopics(String compose) {
        List<Topic> topics = new ArrayList<>();
        String[] commands = compose.split("kafka-topics\\.sh");
        for (String command : Arrays.copyOfRange(commands, 1, commands.length)) {
            String[] words = command.split("&&")[0].trim().split("\\s+");
            Map<String, String> options = new HashMap<>();
            Map<String, String> configs = new TreeMap<>();
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("--config")) {
                    String[] kv = words[i + 1].split("=", 2);
                    configs.put(kv[0], kv[1]);
                } else if (words[i].startsWith("--")) {
                    options.put(words[i], words[i + 1]);
                }
            }
            if (words.length > 0 && Arrays.asList(words).contains("--create")) {
                topics.add(new Topic(options.get("--topic"), Integer.parseInt(options.get("--partitions")), configs));
            }
        }
        return topics;
    }
}
