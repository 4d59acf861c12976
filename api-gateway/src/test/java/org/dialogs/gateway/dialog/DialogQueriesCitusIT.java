package org.dialogs.gateway.dialog;

import java.sql.Timestamp;
import java.util.UUID;

import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchemaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPLAIN on a real Citus cluster of the statements the gateway runs for a conversation, the dialog list and a
 * keyed send: each is a router query, answered by the one shard of its user.
 */
class DialogQueriesCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void conversationReaderOneDirection_eachWay_isARouterQuery() {
        for (long[] direction : new long[][] {{11, 12}, {12, 11}}) {
            CitusPlan.explain(citus.schema().jdbc, ConversationReader.ONE_DIRECTION, sql -> sql
                            .param("sender", direction[0])
                            .param("recipient", direction[1])
                            .param("beforeSentAt", Timestamp.from(ConversationReader.END_OF_TIME))
                            .param("beforeId", ConversationReader.LAST_ID)
                            .param("limit", 50))
                    .assertRouter();
        }
    }

    @Test
    void dialogSummaryReaderNewestFirst_isARouterQuery() {
        CitusPlan.explain(citus.schema().jdbc, DialogSummaryReader.NEWEST_FIRST, sql -> sql
                        .param("owner", 11L)
                        .param("beforeSentAt", Timestamp.from(ConversationReader.END_OF_TIME))
                        .param("beforePeer", Long.MAX_VALUE)
                        .param("limit", 50))
                .assertRouter();
    }

    @Test
    void sendKeysReserve_isARouterQuery() {
        CitusPlan.explain(citus.schema().jdbc, SendKeys.RESERVE, sql -> sql
                        .param("sender", 11L)
                        .param("key", "retry-1")
                        .param("id", UUID.randomUUID())
                        .param("recipient", 12L)
                        .param("digest", new byte[32]))
                .assertRouter();
    }
}
