package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.SendMessage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Both forms of the writer's SQL ({@link MessageBatchWriter} and {@link StagedBatchWriter}) against a real
 * PostgreSQL with the real migrations: each case runs with each form and must leave the same rows.
 */
class MessageBatchWriterIT {

    private static Path folder;
    private static PostgresServer postgres;
    private static JdbcClient jdbc;
    private static Map<WriteForm, BatchWriter> writers;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("dialogs-writer-it");
        postgres = PostgresServer.start(folder, 0, Map.of("fsync", "off"));
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl("postgres"),
                PostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        writers = Map.of(WriteForm.UNNEST, new MessageBatchWriter(jdbc),
                WriteForm.STAGED, new StagedBatchWriter(jdbc, new StagingCopy(dataSource)));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() {
        postgres.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    @BeforeEach
    void empty() {
        jdbc.sql("TRUNCATE messages, user_dialogs").update();
    }

    @AfterEach
    void nothingLeftInStaging() {
        assertThat(jdbc.sql("SELECT (SELECT count(*) FROM staged_by_sender) + (SELECT count(*) FROM staged_by_recipient)")
                .query(Long.class).single()).isZero();
    }

    private static int write(WriteForm form, List<SendMessage> events) {
        return transaction.execute(status -> writers.get(form).write(events)).size();
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_replayedBatch_storesEachMessageOnceAndCountsUnreadOnce(WriteForm form) {
        List<SendMessage> batch = List.of(SendMessages.from(11, 12, "a"), SendMessages.from(12, 11, "b"),
                SendMessages.from(11, 12, "c"));

        assertThat(write(form, batch)).isEqualTo(3);
        assertThat(write(form, batch)).isZero();
        assertThat(write(form, List.of(batch.get(2), batch.get(0)))).isZero();

        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE sender_id IN (11, 12)").query(Long.class).single())
                .isEqualTo(3);
        assertThat(unread(12, 11)).isEqualTo(2);
        assertThat(unread(11, 12)).isEqualTo(1);
        assertThat(lastText(11, 12)).isEqualTo("c");
        assertThat(lastText(12, 11)).isEqualTo("c");
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_sameIdempotencyKeyFromTheSameSender_isStoredOnce(WriteForm form) {
        SendMessage first = SendMessages.from(21, 22, "pay me back");
        first.setIdempotencyKey("retry-1");
        SendMessage retry = SendMessages.from(21, 22, "pay me back");
        retry.setIdempotencyKey("retry-1");
        SendMessage otherSender = SendMessages.from(23, 22, "me too");
        otherSender.setIdempotencyKey("retry-1");

        assertThat(write(form, List.of(first))).isEqualTo(1);
        assertThat(write(form, List.of(retry, otherSender))).isEqualTo(1);

        assertThat(unread(22, 21)).isEqualTo(1);
        assertThat(unread(22, 23)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_olderMessageArrivingLate_doesNotReplaceTheLastMessage(WriteForm form) {
        SendMessage older = SendMessages.from(31, 32, "older");
        SendMessage newer = SendMessages.from(31, 32, "newer");

        write(form, List.of(newer));
        write(form, List.of(older));

        assertThat(lastText(32, 31)).isEqualTo("newer");
        assertThat(unread(32, 31)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_pollPartlyStoredBefore_storesTheRestAndCountsEachMessageOnce(WriteForm form) {
        SendMessage first = SendMessages.from(41, 42, "first");
        SendMessage second = SendMessages.from(41, 42, "second");
        SendMessage third = SendMessages.from(43, 42, "third");
        write(form, List.of(first));

        assertThat(write(form, List.of(first, second, first, third))).isEqualTo(2);

        assertThat(unread(42, 41)).isEqualTo(2);
        assertThat(unread(42, 43)).isEqualTo(1);
        assertThat(lastText(41, 42)).isEqualTo("second");
        assertThat(jdbc.sql("SELECT count(*) FROM messages").query(Long.class).single()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_textsWithQuotesCommasLinesAndEmptyKeys_areStoredAsSent(WriteForm form) {
        String awkward = "\"quoted\", a comma,\nnew line \\N \\. back\\slash \r\t tab ; ✓ 😀";
        SendMessage message = SendMessages.from(51, 52, awkward);
        message.setIdempotencyKey("");
        SendMessage toSelf = SendMessages.from(53, 53, "a note to myself");
        toSelf.setIdempotencyKey("k,\"1\"");

        assertThat(write(form, List.of(message, toSelf))).isEqualTo(2);

        assertThat(jdbc.sql("SELECT text FROM messages WHERE sender_id = 51").query(String.class).single())
                .isEqualTo(awkward);
        assertThat(jdbc.sql("SELECT idempotency_key FROM messages WHERE sender_id = 51").query(String.class).single())
                .isEmpty();
        assertThat(jdbc.sql("SELECT idempotency_key FROM messages WHERE sender_id = 53").query(String.class).single())
                .isEqualTo("k,\"1\"");
        assertThat(lastText(52, 51)).isEqualTo(awkward);
        assertThat(unread(53, 53)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(names = {"UNNEST", "STAGED"})
    void write_noKey_isStoredWithoutOne(WriteForm form) {
        write(form, List.of(SendMessages.from(61, 62, "no key")));

        assertThat(jdbc.sql("SELECT idempotency_key IS NULL FROM messages WHERE sender_id = 61").query(Boolean.class)
                .single()).isTrue();
    }

    private static long unread(long owner, long peer) {
        return jdbc.sql("SELECT unread_count FROM user_dialogs WHERE owner_id = ? AND peer_id = ?")
                .params(owner, peer).query(Long.class).single();
    }

    private static String lastText(long owner, long peer) {
        return jdbc.sql("SELECT last_text FROM user_dialogs WHERE owner_id = ? AND peer_id = ?")
                .params(owner, peer).query(String.class).single();
    }
}
