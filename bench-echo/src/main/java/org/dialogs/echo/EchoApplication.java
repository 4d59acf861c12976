package org.dialogs.echo;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare echo: a Spring Boot web app of the gateway's Boot version with only the gateway's send route, which
 * reads the JSON body and answers a random id. The send benchmark's baseline ({@code benchmarks/send-cost.sh}):
 * {@code java -jar bench-echo/target/dialogs-echo.jar --server.port=8090}.
 */
@SpringBootApplication
@RestController
public class EchoApplication {

    /** The body of a send, as the gateway reads it. */
    record SendRequest(String text) {
    }

    public static void main(String[] args) {
        SpringApplication.run(EchoApplication.class, args);
    }

    @PostMapping("/dialog/{user_id}/send")
    Map<String, String> send(@PathVariable("user_id") String userId, @RequestBody SendRequest request) {
        return Map.of("id", UUID.randomUUID().toString());
    }
}
