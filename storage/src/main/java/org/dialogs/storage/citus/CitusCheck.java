package org.dialogs.storage.citus;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Tells whether the database is a Citus cluster, and refuses an operation when it is not. */
final class CitusCheck {

    private final JdbcClient jdbc;

    CitusCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isCitus() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
                .query(Boolean.class)
                .single();
    }

    /** Throws {@link NotCitusClusterException} naming {@code operation} unless the citus extension is installed. */
    void require(String operation) {
        if (!isCitus()) {
            throw new NotCitusClusterException(operation);
        }
    }
}
