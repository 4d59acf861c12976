package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.Topics;
import org.dialogs.storage.MigratedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/** The accept-to-stored latency, recorded per new message when its transaction has committed, on a real PostgreSQL. */
class AcceptToStoredIT {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final long SENDER = 41;
    private static final long RECIPIENT = 42;

    private static MigratedPostgres postgres;
    private static DataSource dataSource;
    private static MessageBatchWriter transactionalWriter;
    private static RegisteredUsers users;

    @BeforeAll
    static void start() {
        postgres = MigratedPostgres.start();
        dataSource = postgres.dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                INSERT INTO users (id, first_name, second_name, first_name_key, second_name_key, password_hash)
                VALUES (41, 'A', 'B', 'a', 'b', 'not a hash'), (42, 'C', 'D', 'c', 'd', 'not a hash')
                """).update();
        // as the application context builds it: @Transactional commits before write() returns
        ProxyFactory proxy = new ProxyFactory(new MessageBatchWriter(jdbc));
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(dataSource),
                new AnnotationTransactionAttributeSource()));
        transactionalWriter = (MessageBatchWriter) proxy.getProxy();
        users = new RegisteredUsers(jdbc, new MessageWriterProperties(Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofMinutes(5), 1000, Duration.ofSeconds(5), Duration.ofSeconds(30), WriteForm.AUTO));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void store_newMessages_recordSentAtToCommitOnceEach_readAfterTheCommit() {
        CommitWitnessClock clock = new CommitWitnessClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PollStore store = new PollStore(transactionalWriter, users, new WriterMetrics(registry, clock));
        List<IncomingBatch.Accepted> poll = List.of(accepted(SENDER, RECIPIENT, NOW.minusMillis(250)),
                accepted(SENDER, RECIPIENT, NOW.minusMillis(40)));

        store.store(poll);
        store.store(poll);

        Timer timer = registry.get("dialogs.writer.accept.to.stored").timer();
        assertThat(timer.count()).as("duplicates are not recorded").isEqualTo(2);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(290);
        assertThat(clock.rowsVisibleAtFirstRead).as("the clock is read after the commit").isEqualTo(2);
    }

    @Test
    void store_sentAtAheadOfTheWritersClock_recordsZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PollStore store = new PollStore(transactionalWriter, users,
                new WriterMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC)));

        store.store(List.of(accepted(RECIPIENT, SENDER, NOW.plusSeconds(3))));

        Timer timer = registry.get("dialogs.writer.accept.to.stored").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isZero();
    }

    private static IncomingBatch.Accepted accepted(long sender, long recipient, Instant sentAt) {
        SendMessage event = SendMessages.from(sender, recipient, "hello");
        event.setSentAt(sentAt);
        return new IncomingBatch.Accepted(new ConsumerRecord<>(Topics.SEND_MESSAGE, 0, 0,
                Topics.senderKey(sender), new byte[0]), event);
    }

    /** A clock at {@link #NOW} that, when first read, notes how many of the sender's rows another connection sees. */
    private static final class CommitWitnessClock extends Clock {

        long rowsVisibleAtFirstRead = -1;

        @Override
        public long millis() {
            if (rowsVisibleAtFirstRead < 0) {
                rowsVisibleAtFirstRead = committedRows();
            }
            return NOW.toEpochMilli();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        private static long committedRows() {
            // a connection of its own, outside the writer's transaction: it sees only committed rows
            try (Connection c = dataSource.getConnection();
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT count(*) FROM messages WHERE sender_id = " + SENDER)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
