package org.dialogs.spam.decide;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.dialogs.spam.detect.RuleBreach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable flags ({@code sender_flags}), the only writer of that table, and whether each decision is published. */
@Repository
public class FlagStore {

    /** One flag, as the ops endpoints show it. */
    public record Flag(long id, long senderId, String rule, long observed, int windowSeconds, Instant crossedAt,
            Instant flaggedAt, Instant liftedAt, String liftedBy, boolean flagAnnounced, boolean liftAnnounced) {
    }

    /** Most unpublished decisions {@link #unannounced} returns at once. */
    public static final int UNANNOUNCED_PAGE = 100;

    private final JdbcClient jdbc;

    FlagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the breach as the sender's flag unless one is active; the new flag's id, or empty. */
    Optional<Long> flag(RuleBreach breach, Instant now) {
        return jdbc.sql("""
                        INSERT INTO sender_flags (sender_id, rule, observed, window_seconds, crossed_at, flagged_at)
                        VALUES (:sender, :rule, :observed, :window, :crossedAt, :now)
                        ON CONFLICT (sender_id) WHERE lifted_at IS NULL DO NOTHING
                        RETURNING id
                        """)
                .param("sender", breach.senderId())
                .param("rule", breach.rule())
                .param("observed", breach.observed())
                .param("window", breach.windowSeconds())
                .param("crossedAt", Timestamp.from(breach.crossedAt()))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    /** Lifts the sender's active flag; the flag, if there was one. */
    Optional<Flag> lift(long sender, String by, Instant now) {
        return jdbc.sql("""
                        UPDATE sender_flags SET lifted_at = :now, lifted_by = :by
                         WHERE sender_id = :sender AND lifted_at IS NULL
                        RETURNING *
                        """)
                .param("now", Timestamp.from(now))
                .param("by", by)
                .param("sender", sender)
                .query(FlagStore::flag)
                .optional();
    }

    /** Marks the flag's FLAGGED (or, with {@code lift}, LIFTED) decision as published. */
    public void announced(long flagId, boolean lift) {
        jdbc.sql("UPDATE sender_flags SET " + (lift ? "lift_announced" : "flag_announced") + " = true WHERE id = :id")
                .param("id", flagId)
                .update();
    }

    /** Flags whose FLAGGED or LIFTED decision is not published yet, oldest first. */
    public List<Flag> unannounced() {
        return jdbc.sql("""
                        SELECT * FROM sender_flags
                         WHERE NOT flag_announced OR (lifted_at IS NOT NULL AND NOT lift_announced)
                         ORDER BY id LIMIT :page
                        """)
                .param("page", UNANNOUNCED_PAGE)
                .query(FlagStore::flag)
                .list();
    }

    /** Senders with an active flag. */
    public List<Long> activelyFlagged() {
        return jdbc.sql("SELECT sender_id FROM sender_flags WHERE lifted_at IS NULL").query(Long.class).list();
    }

    /** The newest flags, active or lifted. */
    public List<Flag> newest(int limit) {
        return jdbc.sql("SELECT * FROM sender_flags ORDER BY flagged_at DESC, id DESC LIMIT :limit")
                .param("limit", limit)
                .query(FlagStore::flag)
                .list();
    }

    private static Flag flag(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        return new Flag(rs.getLong("id"), rs.getLong("sender_id"), rs.getString("rule"), rs.getLong("observed"),
                rs.getInt("window_seconds"), rs.getTimestamp("crossed_at").toInstant(),
                rs.getTimestamp("flagged_at").toInstant(), lifted == null ? null : lifted.toInstant(),
                rs.getString("lifted_by"), rs.getBoolean("flag_announced"), rs.getBoolean("lift_announced"));
    }
}
