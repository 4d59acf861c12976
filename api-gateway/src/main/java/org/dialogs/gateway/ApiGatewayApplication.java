package org.dialogs.gateway;

import java.time.Clock;

import org.dialogs.schemas.MessageIdGenerator;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The api-gateway service: REST in, send-message events out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiGatewayApplication {

    /** The application, reading its own {@code api-gateway.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ApiGatewayApplication.class)
                .properties("spring.config.name=api-gateway");
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MessageIdGenerator messageIdGenerator(Clock clock) {
        return new MessageIdGenerator(clock, new java.security.SecureRandom());
    }

    @Bean
    PasswordEncoder passwordEncoder(ApiGatewayProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }
}
