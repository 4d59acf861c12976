package org.dialogs.schemas.registry;

import org.dialogs.schemas.SendMessageDecoder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives every service that reads the send-message topic a {@link SendMessageDecoder}, with the schema registry
 * of {@code dialogs.schema-registry.url} if one is set; with {@code register-shipped}, the service registers the
 * shipped send-message versions under the topic's subject as it starts.
 */
@AutoConfiguration
@ConditionalOnClass(AutoConfiguration.class)
@EnableConfigurationProperties(SchemaRegistryProperties.class)
public class SchemaRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SendMessageDecoder sendMessageDecoder(ObjectProvider<ConfluentSchemaRegistry> registry) {
        ConfluentSchemaRegistry configured = registry.getIfAvailable();
        return configured == null ? SendMessageDecoder.withoutRegistry() : new SendMessageDecoder(configured);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "dialogs.schema-registry", name = "url")
    ConfluentSchemaRegistry confluentSchemaRegistry(SchemaRegistryProperties properties) {
        return new ConfluentSchemaRegistry(properties.url(), properties.timeout());
    }

    @Bean
    @ConditionalOnProperty(prefix = "dialogs.schema-registry", name = {"url", "register-shipped"})
    ShippedSchemaRegistration shippedSchemaRegistration(ConfluentSchemaRegistry registry,
            SchemaRegistryProperties properties) {
        return new ShippedSchemaRegistration(registry, properties.registerShipped());
    }
}
