package org.dialogs.spam.kafka;

import org.dialogs.spam.SpamDetectorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The consumer's error handling: a batch whose decisions could not be stored is retried, backing off, until it is. */
@Configuration(proxyBeanMethods = false)
class KafkaDetectorConfiguration {

    /**
     * Records the detector cannot use are refused in the listener, so a failing batch failed for a reason outside
     * its records (the database is down): it is retried with back-off until it succeeds, never skipped, so no
     * decision is lost and offsets are committed only once the batch's decisions are stored.
     */
    @Bean
    DefaultErrorHandler batchErrorHandler(SpamDetectorProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.decisions().retryBackoffInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.decisions().retryBackoffMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            throw new IllegalStateException("an endless back-off ended", exception);
        }, backOff);
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }
}
