package org.dialogs.writer;

import java.sql.SQLException;

/** A record the database refused on its own for what it holds; it is dead-lettered with the database's words. */
class RefusedByDatabaseException extends RuntimeException {

    RefusedByDatabaseException(SQLException cause) {
        super("the database refused the record (SQLSTATE " + cause.getSQLState() + "): " + cause.getMessage(), cause);
    }
}
