package org.dialogs.writer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the message-writer.
 *
 * @param retryBackoffInitial first pause after a failed batch (the database is down, say)
 * @param retryBackoffMax longest pause between attempts; the writer never gives up on a valid batch
 */
@Validated
@ConfigurationProperties("message-writer")
record MessageWriterProperties(
        @DefaultValue("200ms") Duration retryBackoffInitial,
        @DefaultValue("5s") Duration retryBackoffMax) {
}
