package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import org.dialogs.schemas.SendMessage;
import org.dialogs.storage.citus.CitusPlan;
import org.dialogs.storage.citus.CitusSchema;
import org.dialogs.storage.citus.CitusSchemaExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link StagedBatchWriter} on a real Citus cluster: every statement after the COPY runs on the workers, on the
 * shards of the poll's users only (no row goes through the coordinator), and a replayed poll is stored and counted
 * once.
 */
class StagedBatchWriterCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    private static final Long[] ONE_USER = {11L};
    private static final Long[] MANY_USERS = LongStream.rangeClosed(1, 200).boxed()
            .toArray(Long[]::new);

    private CitusSchema schema;
    private StagedBatchWriter writer;
    private TransactionTemplate transaction;

    @BeforeEach
    void writer() {
        schema = citus.schema();
        writer = new StagedBatchWriter(schema.jdbc, new StagingCopy(schema.dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(schema.dataSource));
    }

    @Test
    void insertsFromStaging_arePushedDownToTheShardsOfThePollsUsers() {
        for (String statement : List.of(StagedBatchWriter.INSERT_MESSAGES, StagedBatchWriter.SENDER_DIALOGS,
                StagedBatchWriter.RECIPIENT_DIALOGS)) {
            CitusPlan many = CitusPlan.explain(schema.jdbc, statement, sql -> sql.param(MANY_USERS));
            CitusPlan one = CitusPlan.explain(schema.jdbc, statement, sql -> sql.param(ONE_USER));

            assertThat(many.insertSelectMethod()).as(many.text()).isEmpty();
            assertPerShardTasks(many);
            assertThat(one.insertSelectMethod()).as(one.text()).isEmpty();
            assertOneTask(one);
        }
    }

    @Test
    void deletesFromStaging_runOnEveryShardWithoutAPlanOnTheCoordinator() {
        Long[] senders = {11L};
        UUID[] ids = {UUID.randomUUID()};
        for (String statement : List.of(StagedBatchWriter.UNSTAGE_SENDER_SIDE,
                StagedBatchWriter.UNSTAGE_RECIPIENT_SIDE)) {
            assertPerShardTasks(CitusPlan.explain(schema.jdbc, statement, sql -> sql.params(senders, ids)));
        }
        for (String statement : List.of(StagedBatchWriter.CLEAR_SENDER_SIDE, StagedBatchWriter.CLEAR_RECIPIENT_SIDE)) {
            assertPerShardTasks(CitusPlan.explain(schema.jdbc, statement, sql -> sql.param(MANY_USERS)));
            assertOneTask(CitusPlan.explain(schema.jdbc, statement, sql -> sql.param(ONE_USER)));
        }
    }

    @Test
    void write_replayedAndPartlyReplayedPolls_storeEachMessageOnceAndCountUnreadOnce() {
        SendMessage a = SendMessages.from(11, 12, "a, \"quoted\"\nline");
        SendMessage b = SendMessages.from(12, 11, "b");
        SendMessage c = SendMessages.from(11, 12, "c");
        SendMessage d = SendMessages.from(13, 12, "d");

        assertThat(write(List.of(a, b))).isEqualTo(2);
        assertThat(write(List.of(a, b))).isZero();
        assertThat(write(List.of(b, c, a, d, c))).isEqualTo(2);

        assertThat(schema.jdbc.sql("SELECT count(*) FROM messages WHERE sender_id IN (11, 12, 13)")
                .query(Long.class).single()).isEqualTo(4);
        assertThat(schema.jdbc.sql("SELECT text FROM messages WHERE id = ?").param(a.getMessageId())
                .query(String.class).single()).isEqualTo(a.getText());
        assertThat(unread(12, 11)).isEqualTo(2);
        assertThat(unread(11, 12)).isEqualTo(1);
        assertThat(unread(12, 13)).isEqualTo(1);
        assertThat(schema.jdbc.sql("SELECT last_text FROM user_dialogs WHERE owner_id = 12 AND peer_id = 11")
                .query(String.class).single()).isEqualTo("c");
        assertThat(schema.jdbc.sql("SELECT (SELECT count(*) FROM staged_by_sender) + (SELECT count(*) FROM staged_by_recipient)")
                .query(Long.class).single()).isZero();
    }

    @Test
    void write_twoWritersInOppositeDirectionsAtOnce_neitherDeadlocks_andEveryMessageIsCountedOnce() throws Exception {
        // each poll: a few users, so that every statement locks a few shards, in a different order in each writer
        int polls = 40;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            var forth = writers.submit(() -> pollsBetween(polls, 21, 22, 23));
            var back = writers.submit(() -> pollsBetween(polls, 23, 22, 21));
            assertThat(forth.get() + back.get()).isEqualTo(2 * polls * 2);
        } finally {
            writers.shutdownNow();
        }
        assertThat(unread(22, 21) + unread(23, 22) + unread(22, 23) + unread(21, 22)).isEqualTo(2 * polls * 2);
    }

    /** {@code polls} polls of two messages, a to b and b to c, each in a transaction of its own. */
    private int pollsBetween(int polls, long a, long b, long c) {
        int stored = 0;
        for (int i = 0; i < polls; i++) {
            stored += write(List.of(SendMessages.from(a, b, "to b " + i), SendMessages.from(b, c, "to c " + i)));
        }
        return stored;
    }

    private int write(List<SendMessage> events) {
        return transaction.execute(status -> writer.write(events)).size();
    }

    private long unread(long owner, long peer) {
        return schema.jdbc.sql("SELECT unread_count FROM user_dialogs WHERE owner_id = ? AND peer_id = ?")
                .params(owner, peer).query(Long.class).single();
    }

    /** A poll of one user's rows: one task, on the shard that holds them. */
    private static void assertOneTask(CitusPlan plan) {
        assertThat(plan.text()).contains("Custom Scan (Citus Adaptive)").doesNotContain("Distributed Subplan")
                .doesNotContain("intermediate result");
        assertThat(plan.text()).as(plan.text()).containsPattern("Task Count: 1(\\D|$)");
    }

    /** Run by the adaptive executor as one task per shard, nothing planned or collected on the coordinator. */
    private static void assertPerShardTasks(CitusPlan plan) {
        assertThat(plan.text()).contains("Custom Scan (Citus Adaptive)").doesNotContain("Distributed Subplan")
                .doesNotContain("intermediate result");
        assertThat(plan.text()).as(plan.text()).containsPattern("Task Count: ([2-9]|\\d\\d+)");
    }
}
