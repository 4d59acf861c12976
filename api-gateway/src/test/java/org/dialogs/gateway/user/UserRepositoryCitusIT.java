package org.dialogs.gateway.user;

import org.dialogs.storage.citus.CitusCluster;
import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN on a real Citus cluster of the check a send makes that its recipient exists. */
class UserRepositoryCitusIT {

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
    void exists_isARouterQuery() {
        CitusPlan.explain(schema.jdbc, UserRepository.EXISTS, sql -> sql.param("id", 12L)).assertRouter();
    }
}
