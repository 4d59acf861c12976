package org.dialogs.spam.isolate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class IsolationJobsStateTest {

    @Test
    void state_isTheColumnValue_inTheDatabaseAndInTheOpsApi() {
        assertThat(IsolationJobs.State.NOT_CITUS.column()).isEqualTo("not_citus");
        assertThat(IsolationJobs.State.of("requested")).isEqualTo(IsolationJobs.State.REQUESTED);
        assertThat(JsonMapper.builder().build().writeValueAsString(IsolationJobs.State.NOT_CITUS))
                .isEqualTo("\"not_citus\"");
    }
}
