package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerNodeTest {

    @Test
    void parse_hostAndPort_givesBoth() {
        assertThat(WorkerNode.parse("worker3:5432")).isEqualTo(new WorkerNode("worker3", 5432));
    }

    @Test
    void parse_missingPort_isRefusedNamingTheInput() {
        assertThatThrownBy(() -> WorkerNode.parse("worker3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected host:port, got 'worker3'");
    }

    @Test
    void parse_portOutOfRange_isRefused() {
        assertThatThrownBy(() -> WorkerNode.parse("worker3:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a port: 70000");
    }

    @Test
    void toString_isHostColonPort() {
        assertThat(new WorkerNode("worker3", 5432)).hasToString("worker3:5432");
    }
}
