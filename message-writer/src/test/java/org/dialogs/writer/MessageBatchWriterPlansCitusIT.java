package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchemaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPLAIN on a real Citus cluster of the writer's two statements, for a poll of two senders who write to each
 * other: how Citus runs each {@code INSERT ... SELECT}. Both are pulled to the coordinator, which is why the
 * writer takes {@link StagedBatchWriter} on Citus ({@link StagedBatchWriterCitusIT}).
 */
class MessageBatchWriterPlansCitusIT {

    /** The coordinator evaluates every row and forwards it to its shard, one statement at a time. */
    private static final Optional<String> PULL_TO_COORDINATOR = Optional.of("pull to coordinator");

    private static final Optional<String> INSERT_MESSAGES_METHOD = PULL_TO_COORDINATOR;
    private static final Optional<String> UPSERT_DIALOGS_METHOD = PULL_TO_COORDINATOR;

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void insertMessages_ofAPollOfTwoSenders_isPulledToTheCoordinator() {
        CitusPlan plan = CitusPlan.explain(citus.schema().jdbc, MessageBatchWriter.INSERT_MESSAGES, sql -> sql.params(
                new UUID[] {UUID.randomUUID(), UUID.randomUUID()}, new Long[] {11L, 12L}, new Long[] {12L, 11L},
                new String[] {"hi", "hello"}, new Long[] {1_000L, 1_001L}, new String[] {null, "retry-1"}));

        assertThat(plan.insertSelectMethod()).as(plan.text()).isEqualTo(INSERT_MESSAGES_METHOD);
    }

    @Test
    void upsertDialogs_ofAPollOfTwoSenders_isPulledToTheCoordinator() {
        CitusPlan plan = CitusPlan.explain(citus.schema().jdbc, MessageBatchWriter.UPSERT_DIALOGS, sql -> sql.params(
                new Long[] {11L, 12L}, new Long[] {12L, 11L}, new UUID[] {UUID.randomUUID(), UUID.randomUUID()},
                new Long[] {12L, 11L}, new String[] {"hello", "hi"}, new Long[] {1_001L, 1_000L},
                new Integer[] {1, 1}));

        assertThat(plan.insertSelectMethod()).as(plan.text()).isEqualTo(UPSERT_DIALOGS_METHOD);
    }
}
