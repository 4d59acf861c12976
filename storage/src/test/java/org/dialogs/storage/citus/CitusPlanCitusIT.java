package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link CitusPlan} reads from real plans, so that the plan tests of the services can fail. */
class CitusPlanCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void assertRouter_aQueryOnOneSender_passes() {
        CitusPlan.explain(citus.schema().jdbc, "SELECT count(*) FROM messages WHERE sender_id = :sender",
                sql -> sql.param("sender", 11L)).assertRouter();
    }

    @Test
    void assertRouter_aQueryOverEveryShard_fails() {
        CitusPlan plan = CitusPlan.explain(citus.schema().jdbc, "SELECT count(*) FROM messages", sql -> sql);

        assertThatThrownBy(plan::assertRouter).isInstanceOf(AssertionError.class);
    }

    @Test
    void insertSelectMethod_ofAnInsertFromSharedRows_isPullToCoordinator() {
        CitusPlan plan = CitusPlan.explain(citus.schema().jdbc, """
                INSERT INTO throttle_buckets (sender_id, tokens, refilled_at)
                SELECT s, 1, timestamptz '2026-01-01Z' FROM generate_series(1, 3) AS s
                """, sql -> sql);

        assertThat(plan.insertSelectMethod()).as(plan.text()).contains("pull to coordinator");
    }

    @Test
    void insertSelectMethod_ofAnInsertFromAColocatedTable_isEmpty() {
        CitusPlan plan = CitusPlan.explain(citus.schema().jdbc, """
                INSERT INTO throttle_buckets (sender_id, tokens, refilled_at)
                SELECT sender_id, 1, reserved_at FROM send_keys
                ON CONFLICT DO NOTHING
                """, sql -> sql);

        assertThat(plan.insertSelectMethod()).as("pushed down to the workers:\n" + plan.text()).isEmpty();
    }
}
