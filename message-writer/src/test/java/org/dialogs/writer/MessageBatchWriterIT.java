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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/** The writer's SQL against a real PostgreSQL with the real migrations. */
class MessageBatchWriterIT {

    private static Path folder;
    private static PostgresServer postgres;
    private static JdbcClient jdbc;
    private static MessageBatchWriter writer;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("dialogs-writer-it");
        postgres = PostgresServer.start(folder, 0, Map.of("fsync", "off"));
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl("postgres"),
                PostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        writer = new MessageBatchWriter(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() {
        postgres.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    private static int write(List<SendMessage> events) {
        return transaction.execute(status -> writer.write(events)).size();
    }

    @Test
    void write_replayedBatch_storesEachMessageOnceAndCountsUnreadOnce() {
        List<SendMessage> batch = List.of(SendMessages.from(11, 12, "a"), SendMessages.from(12, 11, "b"),
                SendMessages.from(11, 12, "c"));

        assertThat(write(batch)).isEqualTo(3);
        assertThat(write(batch)).isZero();
        assertThat(write(List.of(batch.get(2), batch.get(0)))).isZero();

        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE sender_id IN (11, 12)").query(Long.class).single())
                .isEqualTo(3);
        assertThat(unread(12, 11)).isEqualTo(2);
        assertThat(unread(11, 12)).isEqualTo(1);
        assertThat(lastText(11, 12)).isEqualTo("c");
        assertThat(lastText(12, 11)).isEqualTo("c");
    }

    @Test
    void write_sameIdempotencyKeyFromTheSameSender_isStoredOnce() {
        SendMessage first = SendMessages.from(21, 22, "pay me back");
        first.setIdempotencyKey("retry-1");
        SendMessage retry = SendMessages.from(21, 22, "pay me back");
        retry.setIdempotencyKey("retry-1");
        SendMessage otherSender = SendMessages.from(23, 22, "me too");
        otherSender.setIdempotencyKey("retry-1");

        assertThat(write(List.of(first))).isEqualTo(1);
        assertThat(write(List.of(retry, otherSender))).isEqualTo(1);

        assertThat(unread(22, 21)).isEqualTo(1);
        assertThat(unread(22, 23)).isEqualTo(1);
    }

    @Test
    void write_olderMessageArrivingLate_doesNotReplaceTheLastMessage() {
        SendMessage older = SendMessages.from(31, 32, "older");
        SendMessage newer = SendMessages.from(31, 32, "newer");

        write(List.of(newer));
        write(List.of(older));

        assertThat(lastText(32, 31)).isEqualTo("newer");
        assertThat(unread(32, 31)).isEqualTo(2);
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
