package org.dialogs.spam.isolate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The isolation jobs ({@code isolation_jobs}), the only writer of that table: requests, which are due, who runs
 * one, and how each ended.
 */
@Repository
public class IsolationJobs {

    /** Where a job is: requested, then running, then done, failed or not_citus (requested again after a retry). */
    public enum State {
        REQUESTED, RUNNING, DONE, FAILED, NOT_CITUS;

        /** The value in the {@code state} column, also what the ops API shows. */
        @JsonValue
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One job as stored; {@code outcome} is how a finished isolation went, {@code writesBlocked} whether writes to
     * the tenant's shard group waited meanwhile (both null until it is done).
     */
    public record Job(long id, long senderId, State state, int attempts, String lastError, Long shardId,
            String node, String outcome, Boolean writesBlocked, Instant requestedAt, Instant startedAt,
            Instant finishedAt) {
    }

    private final JdbcClient jdbc;

    IsolationJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Requests the sender's isolation unless a job for it is still open; whether this requested one. */
    public boolean request(long sender, Instant now) {
        return jdbc.sql("""
                        INSERT INTO isolation_jobs (sender_id, state, requested_at, next_attempt_at)
                        VALUES (:sender, :requested, :now, :now)
                        ON CONFLICT (sender_id) WHERE state IN ('requested', 'running') DO NOTHING
                        """)
                .param("sender", sender)
                .param("requested", State.REQUESTED.column())
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<Job> nextDue(Instant now) {
        return jdbc.sql("""
                        SELECT * FROM isolation_jobs
                         WHERE state = :requested AND next_attempt_at <= :now
                         ORDER BY requested_at, id
                         LIMIT 1
                        """)
                .param("requested", State.REQUESTED.column())
                .param("now", Timestamp.from(now))
                .query(IsolationJobs::job)
                .optional();
    }

    /** Takes the job for this runner; false if another runner took it first. */
    boolean claim(long id, Instant now) {
        return jdbc.sql("""
                        UPDATE isolation_jobs SET state = :running, attempts = attempts + 1, started_at = :now
                         WHERE id = :id AND state = :requested
                        """)
                .param("running", State.RUNNING.column())
                .param("requested", State.REQUESTED.column())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update() == 1;
    }

    void done(long id, long shardId, String node, String outcome, boolean writesBlocked, Instant now) {
        jdbc.sql("""
                        UPDATE isolation_jobs SET state = :done, shard_id = :shard, node = :node, finished_at = :now,
                                                  last_error = NULL, outcome = :outcome,
                                                  writes_blocked = :writesBlocked
                         WHERE id = :id
                        """)
                .param("done", State.DONE.column())
                .param("shard", shardId)
                .param("node", node)
                .param("outcome", outcome)
                .param("writesBlocked", writesBlocked)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void retryLater(long id, String error, Instant at) {
        jdbc.sql("""
                        UPDATE isolation_jobs SET state = :requested, last_error = :error, next_attempt_at = :at
                         WHERE id = :id
                        """)
                .param("requested", State.REQUESTED.column())
                .param("error", error)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /** Ends the job as {@code failed} or {@code not_citus}, with why. */
    void end(long id, State state, String error, Instant now) {
        jdbc.sql("UPDATE isolation_jobs SET state = :state, last_error = :error, finished_at = :now WHERE id = :id")
                .param("state", state.column())
                .param("error", error)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Jobs left running by a runner that died before it finished them become due again. */
    int requeueStale(Instant startedBefore) {
        return jdbc.sql("UPDATE isolation_jobs SET state = :requested WHERE state = :running AND started_at < :before")
                .param("requested", State.REQUESTED.column())
                .param("running", State.RUNNING.column())
                .param("before", Timestamp.from(startedBefore))
                .update();
    }

    /** The newest jobs, or the newest of one sender. */
    public List<Job> newest(Long sender, int limit) {
        return jdbc.sql("""
                        SELECT * FROM isolation_jobs
                         WHERE CAST(:sender AS bigint) IS NULL OR sender_id = :sender
                         ORDER BY requested_at DESC, id DESC
                         LIMIT :limit
                        """)
                .param("sender", sender)
                .param("limit", limit)
                .query(IsolationJobs::job)
                .list();
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        long shard = rs.getLong("shard_id");
        Long shardId = rs.wasNull() ? null : shard;
        boolean blocked = rs.getBoolean("writes_blocked");
        Boolean writesBlocked = rs.wasNull() ? null : blocked;
        return new Job(rs.getLong("id"), rs.getLong("sender_id"), State.of(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("last_error"), shardId, rs.getString("node"),
                rs.getString("outcome"), writesBlocked, instant(rs, "requested_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
