package org.dialogs.writer;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a batch the database refused for what a record holds (a data exception, a constraint the row breaks, a
 * value over a limit) from a database that is failing (connection lost, shut down, deadlock, serialization
 * failure, read-only, out of resources): the first costs the record, the second is retried.
 */
final class DatabaseRefusal {

    /** SQLSTATE classes that blame the data: data exception, integrity constraint violation, program limit. */
    private static final Set<String> CONTENT_CLASSES = Set.of("22", "23", "54");

    private DatabaseRefusal() {
    }

    /** The SQL error that blames the data, if {@code failure} is one; empty for every other failure. */
    static Optional<SQLException> ofContent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return CONTENT_CLASSES.contains(sql.getSQLState().substring(0, 2)) ? Optional.of(sql) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
