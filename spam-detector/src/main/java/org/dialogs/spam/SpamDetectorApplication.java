package org.dialogs.spam;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The spam-detector service: send-message events in, per-sender counts (and, later, isolation decisions) out. */
@SpringBootApplication
public class SpamDetectorApplication {

    /** The application, reading its own {@code spam-detector.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SpamDetectorApplication.class)
                .properties("spring.config.name=spam-detector");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
