package org.dialogs.spam;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.spam.decide.FlagStore;
import org.dialogs.spam.decide.FloodDetector;
import org.dialogs.spam.decide.SpamDecisions;
import org.dialogs.spam.isolate.IsolationJobs;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The detector's decision stage as the service wires it (flags, isolation jobs, the detector, the decisions,
 * transaction events) on a test database and clock, without Kafka unless a test adds its own beans.
 */
public final class DecisionStage {

    private DecisionStage() {
    }

    /** A started context; {@code more} registers the test's own beans (a listener, the relay) before refresh. */
    public static AnnotationConfigApplicationContext start(TestDatabase database, Clock clock,
            Consumer<AnnotationConfigApplicationContext> more) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(TransactionEvents.class);
        context.registerBean(Clock.class, () -> clock);
        context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
        context.registerBean(SendMessageDecoder.class, SendMessageDecoder::withoutRegistry);
        context.registerBean(SpamDetectorProperties.class, DecisionStage::defaults);
        var transactions = new JdbcTransactionManager(database.dataSource());
        context.registerBean(JdbcClient.class, () -> JdbcClient.create(transactions.getDataSource()));
        context.registerBean(TransactionTemplate.class, () -> new TransactionTemplate(transactions));
        context.registerBean(FlagStore.class);
        context.registerBean(IsolationJobs.class);
        context.registerBean(FloodDetector.class);
        context.registerBean(SpamDecisions.class);
        more.accept(context);
        context.refresh();
        return context;
    }

    /** The settings with every default. */
    public static SpamDetectorProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("spam-detector", Bindable.of(SpamDetectorProperties.class));
    }

    /** Transaction events, as Spring Boot enables them in the service. */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class TransactionEvents {
    }
}
