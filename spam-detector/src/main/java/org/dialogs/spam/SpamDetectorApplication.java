package org.dialogs.spam;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.NewTopic;
import org.dialogs.schemas.Topics;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.ShardOperationsProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The spam-detector service: send-message events in, rates, flags, isolation jobs and decisions out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ShardOperationsProperties.class)
@EnableScheduling
public class SpamDetectorApplication {

    /** The application, reading its own {@code spam-detector.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SpamDetectorApplication.class)
                .properties("spring.config.name=spam-detector");
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ShardOperations shardOperations(DataSource dataSource, ShardOperationsProperties properties, Clock clock) {
        return new ShardOperations(dataSource, properties, clock);
    }

    /** The decision topic, if it does not exist yet: compacted, as the latest decision per sender is its state. */
    @Bean
    NewTopic spamDecisionTopic() {
        return TopicBuilder.name(Topics.SPAM_DECISION).partitions(6).replicas(1).compact().build();
    }
}
