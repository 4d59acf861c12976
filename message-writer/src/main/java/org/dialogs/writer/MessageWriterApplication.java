package org.dialogs.writer;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The message-writer service: send-message events in, batched idempotent rows out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MessageWriterApplication {

    /** The application, reading its own {@code message-writer.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(MessageWriterApplication.class)
                .properties("spring.config.name=message-writer");
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
