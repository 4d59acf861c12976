package org.dialogs.gateway.throttle;

import java.sql.Timestamp;
import java.time.Instant;

import org.dialogs.storage.citus.CitusCluster;
import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN on a real Citus cluster of the token a flagged sender's send takes from the bucket all gateways share. */
class SharedTokenBucketsCitusIT {

    private static CitusSchema schema;

    @BeforeAll
    static void migrate() {
        CitusCluster cluster = CitusCluster.orNull();
        if (cluster != null) {
            schema = CitusSchema.create(cluster);
        }
    }

    @BeforeEach
    void needsCitus() {
        CitusCluster.assumeAvailable();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void take_isARouterQuery() {
        CitusPlan.explain(schema.jdbc, SharedTokenBuckets.TAKE, sql -> sql
                        .param("sender", 11L)
                        .param("burst", 3.0)
                        .param("rate", 0.1)
                        .param("now", Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))))
                .assertRouter();
    }
}
