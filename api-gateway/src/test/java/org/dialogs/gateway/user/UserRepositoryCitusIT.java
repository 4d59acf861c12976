package org.dialogs.gateway.user;

import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchemaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EXPLAIN on a real Citus cluster of the check a send makes that its recipient exists. */
class UserRepositoryCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void exists_isARouterQuery() {
        CitusPlan.explain(citus.schema().jdbc, UserRepository.EXISTS, sql -> sql.param("id", 12L)).assertRouter();
    }
}
