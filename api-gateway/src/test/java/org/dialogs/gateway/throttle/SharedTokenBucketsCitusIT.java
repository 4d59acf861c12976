package org.dialogs.gateway.throttle;

import java.sql.Timestamp;
import java.time.Instant;

import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchemaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EXPLAIN on a real Citus cluster of the token a flagged sender's send takes from the bucket all gateways share. */
class SharedTokenBucketsCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void take_isARouterQuery() {
        CitusPlan.explain(citus.schema().jdbc, SharedTokenBuckets.TAKE, sql -> sql
                        .param("sender", 11L)
                        .param("burst", 3.0)
                        .param("rate", 0.1)
                        .param("now", Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))))
                .assertRouter();
    }
}
