package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ShardOperationsPropertiesTest {

    @Test
    void bind_nothingSet_isolatesAndMovesWithoutBlockingWrites() {
        ShardOperationsProperties properties = bind(Map.of());

        assertThat(properties.isolationTransferMode()).isEqualTo(ShardTransferMode.FORCE_LOGICAL);
        assertThat(properties.moveTransferMode()).isEqualTo(ShardTransferMode.AUTO);
        assertThat(properties).isEqualTo(ShardOperationsProperties.defaults());
    }

    @Test
    void bind_blockWritesIsolation_isTaken() {
        assertThat(bind(Map.of("dialogs.shard-operations.isolation-transfer-mode", "block-writes"))
                .isolationTransferMode()).isEqualTo(ShardTransferMode.BLOCK_WRITES);
    }

    private static ShardOperationsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("dialogs.shard-operations", ShardOperationsProperties.class);
    }
}
