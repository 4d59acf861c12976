package org.dialogs.spam.relay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The lock that lets one relay run at a time across every detector process: a transaction-level advisory lock on
 * the database they share, released when the relay's transaction ends, or its connection dies.
 */
@Repository
class RelayLock {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('dialogs.decision-relay'))";

    private final JdbcClient jdbc;

    RelayLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lock for the current transaction; false if another relay holds it. */
    boolean tryTake() {
        return jdbc.sql(TRY_LOCK).query(Boolean.class).single();
    }
}
