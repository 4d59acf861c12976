package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * EXPLAIN of the hot-path statements on a real Citus cluster: each is a router query, answered by one shard. The
 * statements are read from the source of the classes that run them ({@link SourceStatements}); the per-sender
 * and per-owner VALUES forms below are alternatives the writer could take, written here.
 */
class RouterQueriesCitusIT {

    private static final String GATEWAY = "api-gateway/src/main/java/org/dialogs/gateway/";
    private static final String WRITER = "message-writer/src/main/java/org/dialogs/writer/MessageBatchWriter.java";

    private static final String LIST_ONE_DIRECTION =
            SourceStatements.constant(GATEWAY + "dialog/ConversationReader.java", "ONE_DIRECTION");
    private static final String MY_DIALOGS =
            SourceStatements.constant(GATEWAY + "dialog/DialogSummaryReader.java", "NEWEST_FIRST");
    // a keyed send reserves its key; a flagged sender's send takes a token from the bucket all gateways share
    private static final String RESERVE_SEND_KEY = SourceStatements.constant(GATEWAY + "dialog/SendKeys.java", "RESERVE");
    private static final String TAKE_TOKEN =
            SourceStatements.constant(GATEWAY + "throttle/SharedTokenBuckets.java", "TAKE");
    // a send checks that the recipient exists
    private static final String USER_EXISTS = SourceStatements.constant(GATEWAY + "user/UserRepository.java", "EXISTS");
    // one statement for the senders of a whole poll
    private static final String WRITER_INSERT_MESSAGES = SourceStatements.constant(WRITER, "INSERT_MESSAGES");

    // the same insert for one sender's messages of a poll, as multi-row VALUES; RETURNING takes plain columns, as
    // Citus refuses non-immutable functions (extract on timestamptz) there in a router insert
    private static final String INSERT_MESSAGES_OF_ONE_SENDER = """
            INSERT INTO messages (id, sender_id, recipient_id, text, sent_at, idempotency_key)
            VALUES (?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 millisecond', ?),
                   (?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 millisecond', ?)
            ON CONFLICT DO NOTHING
            RETURNING id, sender_id, recipient_id, text, sent_at
            """;

    // message-writer MessageBatchWriter.UPSERT_DIALOGS for the dialog rows of one owner, as multi-row VALUES
    private static final String UPSERT_DIALOGS_OF_ONE_OWNER = """
            INSERT INTO user_dialogs AS d
                   (owner_id, peer_id, last_message_id, last_sender_id, last_text, last_sent_at, unread_count)
            VALUES (?, ?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 millisecond', ?),
                   (?, ?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 millisecond', ?)
            ON CONFLICT (owner_id, peer_id) DO UPDATE SET
                unread_count    = d.unread_count + EXCLUDED.unread_count,
                last_message_id = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_message_id ELSE d.last_message_id END,
                last_sender_id  = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_sender_id ELSE d.last_sender_id END,
                last_text       = CASE WHEN (EXCLUDED.last_sent_at, EXCLUDED.last_message_id) > (d.last_sent_at, d.last_message_id)
                                       THEN EXCLUDED.last_text ELSE d.last_text END,
                last_sent_at    = GREATEST(d.last_sent_at, EXCLUDED.last_sent_at)
            """;

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
    void listOneDirection_eachWay_isARouterQuery() {
        for (long[] direction : new long[][] {{11, 12}, {12, 11}}) {
            assertRouter(explain(LIST_ONE_DIRECTION)
                    .param("sender", direction[0])
                    .param("recipient", direction[1])
                    .param("beforeSentAt", Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")))
                    .param("beforeId", new UUID(-1L, -1L))
                    .param("limit", 50));
        }
    }

    @Test
    void myDialogs_isARouterQuery() {
        assertRouter(explain(MY_DIALOGS)
                .param("owner", 11L)
                .param("beforeSentAt", Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")))
                .param("beforePeer", Long.MAX_VALUE)
                .param("limit", 50));
    }

    @Test
    void sendKeyReservation_isARouterQuery() {
        assertRouter(explain(RESERVE_SEND_KEY).param("sender", 11L).param("key", "retry-1")
                .param("id", UUID.randomUUID()).param("recipient", 12L).param("digest", new byte[32]));
    }

    @Test
    void sharedTokenBucket_isARouterQuery() {
        assertRouter(explain(TAKE_TOKEN).param("sender", 11L).param("burst", 3.0).param("rate", 0.1));
    }

    @Test
    void recipientExists_isARouterQuery() {
        assertRouter(explain(USER_EXISTS).param("id", 12L));
    }

    @Test
    void insertMessagesOfOneSender_isARouterQuery() {
        assertRouter(explain(INSERT_MESSAGES_OF_ONE_SENDER).params(
                UUID.randomUUID(), 11L, 12L, "hi", 1_000L, null,
                UUID.randomUUID(), 11L, 13L, "hello", 1_001L, "retry-1"));
    }

    @Test
    void upsertDialogRowsOfOneOwner_isARouterQuery() {
        assertRouter(explain(UPSERT_DIALOGS_OF_ONE_OWNER).params(
                12L, 11L, UUID.randomUUID(), 11L, "hi", 1_000L, 1,
                12L, 13L, UUID.randomUUID(), 13L, "hello", 1_001L, 1));
    }

    @Test
    void writerInsertOfAWholePoll_throughUnnest_isPulledToTheCoordinator() {
        String plan = plan(explain(WRITER_INSERT_MESSAGES).params(
                new UUID[] {UUID.randomUUID(), UUID.randomUUID()}, new Long[] {11L, 12L}, new Long[] {12L, 11L},
                new String[] {"hi", "hello"}, new Long[] {1_000L, 1_001L}, new String[] {null, null}));

        // not a router query: the coordinator evaluates unnest, then routes each row to its shard
        assertThat(plan).contains("Citus INSERT ... SELECT", "INSERT/SELECT method: pull to coordinator");
    }

    private static StatementSpec explain(String statement) {
        return schema.jdbc.sql("EXPLAIN " + statement);
    }

    private static String plan(StatementSpec explain) {
        return String.join("\n", explain.query(String.class).list());
    }

    private static void assertRouter(StatementSpec explain) {
        String plan = plan(explain);
        assertThat(plan).as("a router plan: one task on one shard").contains("Custom Scan (Citus Adaptive)");
        assertThat(List.of(plan.split("\n"))).as(plan).anySatisfy(line -> assertThat(line.strip()).isEqualTo("Task Count: 1"));
    }
}
