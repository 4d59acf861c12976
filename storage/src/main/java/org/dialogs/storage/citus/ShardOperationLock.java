package org.dialogs.storage.citus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Lets one shard operation at a time run on the cluster: a session advisory lock on the coordinator, taken on a
 * connection of the operation's own, which runs the operation and holds the lock until it ends. A background
 * rebalance still running counts as an operation too.
 */
final class ShardOperationLock {

    /** "dialogs" in ASCII. */
    static final long KEY = 0x6469616c6f6773L;

    private static final String HOLDER = """
            SELECT format('pid %s: %s', a.pid, left(a.query, 200))
              FROM pg_locks l
              JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
               AND l.classid = :high::oid AND l.objid = :low::oid AND l.database = a.datid
            """;

    private static final String ACTIVE_JOB = """
            SELECT format('%s job %s (%s) is %s', job_type, job_id, description, state)
              FROM pg_dist_background_job
             WHERE state IN ('scheduled', 'running', 'cancelling', 'failing')
             ORDER BY job_id
             LIMIT 1
            """;

    private final DataSource dataSource;

    ShardOperationLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding the lock; when another operation runs, returns {@code busy} of why instead. */
    <T> T runExclusively(Function<JdbcClient, T> work, Function<String, T> busy) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            if (!jdbc.sql("SELECT pg_try_advisory_lock(:key)").param("key", KEY).query(Boolean.class).single()) {
                return busy.apply("another shard operation is running" + holder(jdbc).map(h -> " (" + h + ")")
                        .orElse(""));
            }
            try {
                Optional<String> job = jdbc.sql(ACTIVE_JOB).query(String.class).optional();
                T result = job.isPresent() ? busy.apply("another shard operation is running: " + job.get())
                        : work.apply(jdbc);
                unlock(jdbc);
                return result;
            } catch (RuntimeException e) {
                try {
                    unlock(jdbc);
                } catch (RuntimeException unlockFailure) {
                    e.addSuppressed(unlockFailure);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("no connection for a shard operation", e);
        }
    }

    private static Optional<String> holder(JdbcClient jdbc) {
        return jdbc.sql(HOLDER)
                .param("high", KEY >>> 32)
                .param("low", KEY & 0xffffffffL)
                .query(String.class)
                .optional();
    }

    private static void unlock(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_unlock(:key)").param("key", KEY).query(Boolean.class).single();
    }
}
