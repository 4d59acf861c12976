package org.dialogs.schemas.registry;

import org.dialogs.schemas.SendMessageDecoder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives every service that reads the send-message topic a {@link SendMessageDecoder}, with the schema registry
 * of {@code dialogs.schema-registry.url} if one is set; with {@code register-shipped}, the service registers the
 * shipped send-message versions under the topic's subject as it starts.
 */
@AutoConfiguration
@EnableConfigurationProperties(SchemaRegistryProperties.class)
public class SchemaRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SendMessageDecoder sendMessageDecoder(SchemaRegistryProperties properties) {
        return properties.url() == null ? SendMessageDecoder.withoutRegistry()
                : new SendMessageDecoder(new ConfluentSchemaRegistry(properties.url(), properties.timeout()));
    }

    @Bean
    ShippedSchemaRegistration shippedSchemaRegistration(SchemaRegistryProperties properties) {
        return new ShippedSchemaRegistration(properties);
    }
}
