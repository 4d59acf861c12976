package org.dialogs.schemas.registry;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the schema registry of Confluent-framed records is ({@code DIALOGS_SCHEMAREGISTRY_URL}).
 *
 * @param url the registry's Confluent-compatible API, e.g. {@code http://registry:8080/apis/ccompat/v7}; none:
 *         Confluent-framed records are refused as unreadable
 * @param timeout how long one request to it may take before the registry counts as unavailable
 * @param registerShipped whether this service registers the shipped send-message versions at start
 * @param registerWithin how long the start waits for an unavailable registry to take the registration
 */
@ConfigurationProperties("dialogs.schema-registry")
record SchemaRegistryProperties(URI url, @DefaultValue("5s") Duration timeout,
        @DefaultValue("false") boolean registerShipped, @DefaultValue("2m") Duration registerWithin) {
}
