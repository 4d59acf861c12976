package org.dialogs.spam.isolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;

import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.TestDatabase;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.ShardOperationsProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** The dedicated worker is checked when the detector starts: its form, and that the cluster has it. */
class DedicatedWorkerCheckIT {

    private static TestDatabase database;
    private static ShardOperations shards;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        shards = new ShardOperations(database.dataSource(), ShardOperationsProperties.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void dedicatedWorker_notHostAndPort_isRefusedWhenTheSettingsAreBound() {
        assertThatThrownBy(() -> bind(Map.of("spam-detector.isolation.dedicated-worker", "worker-3")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("must be host:port or empty");
        assertThat(bind(Map.of("spam-detector.isolation.dedicated-worker", "10.0.0.3:5432")).isolation()
                .dedicatedWorker()).isEqualTo("10.0.0.3:5432");
    }

    @Test
    void dedicatedWorker_onPlainPostgres_stopsTheStartSayingWhy() {
        DedicatedWorkerCheck check = new DedicatedWorkerCheck(shards,
                bind(Map.of("spam-detector.isolation.dedicated-worker", "worker-3:5432")));

        assertThatThrownBy(check::afterPropertiesSet).hasMessageContaining("not a Citus cluster");
    }

    @Test
    void noDedicatedWorker_passes() {
        new DedicatedWorkerCheck(shards, bind(Map.of())).afterPropertiesSet();
    }

    private static SpamDetectorProperties bind(Map<String, String> settings) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("spam-detector",
                Bindable.of(SpamDetectorProperties.class), new ValidationBindHandler(validator));
    }
}
