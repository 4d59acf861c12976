package org.dialogs.schemas.registry;

import java.time.Instant;
import java.util.List;

import org.dialogs.schemas.SchemaHistory;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers every shipped send-message version under the topic's subject when the service starts, so producers
 * with Confluent's serializers find them ({@code use.latest.version}) and the registry refuses a new version the
 * shipped readers could not read. Only with {@code dialogs.schema-registry.register-shipped} (one service, the
 * writer, does it). A registry that refuses, or cannot be reached within {@code register-within}, stops the start.
 */
final class ShippedSchemaRegistration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ShippedSchemaRegistration.class);

    private final SchemaRegistryProperties properties;

    ShippedSchemaRegistration(SchemaRegistryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.url() == null || !properties.registerShipped()) {
            return;
        }
        ConfluentSchemaRegistry registry = new ConfluentSchemaRegistry(properties.url(), properties.timeout());
        SchemaHistory history = SchemaHistory.of("send-message");
        List<Integer> ids = registerAll(registry, history, Instant.now().plus(properties.registerWithin()));
        log.info("registered {} under subject {} in the {}: ids {}", history, Topics.SEND_MESSAGE_VALUE_SUBJECT,
                registry, ids);
    }

    /** Registers, asking again while the registry is unavailable (a registry that has just started is slow). */
    private static List<Integer> registerAll(ConfluentSchemaRegistry registry, SchemaHistory history,
            Instant deadline) {
        while (true) {
            try {
                return registry.registerAll(Topics.SEND_MESSAGE_VALUE_SUBJECT, history.versions());
            } catch (SchemaRegistryUnavailableException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                log.warn("cannot register {} yet, asking again: {}", history, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
