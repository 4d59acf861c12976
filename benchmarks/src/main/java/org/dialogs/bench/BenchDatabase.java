package org.dialogs.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.dialogs.infra.PostgresServer;

/**
 * The database a benchmark runs in: the embedded PostgreSQL, or a fresh schema in an existing database (a Citus
 * coordinator, say) that is dropped again afterwards.
 */
final class BenchDatabase implements AutoCloseable {

    private final PostgresServer embedded;
    private final String adminUrl;
    private final String schema;
    private final String jdbcUrl;
    private final boolean citus;

    private BenchDatabase(PostgresServer embedded, String adminUrl, String schema, String jdbcUrl)
            throws SQLException {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.schema = schema;
        this.jdbcUrl = jdbcUrl;
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")) {
            rs.next();
            this.citus = rs.getBoolean(1);
        }
    }

    static BenchDatabase embedded(Path folder) throws SQLException {
        PostgresServer postgres = PostgresServer.start(folder, 0, Map.of());
        return new BenchDatabase(postgres, null, null, postgres.jdbcUrl("postgres"));
    }

    /** A schema of its own in the database at {@code url} (user and password in the URL). */
    static BenchDatabase existing(String url) throws SQLException {
        String schema = "dialogs_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return new BenchDatabase(null, url, schema, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean citus() {
        return citus;
    }

    Connection connect() throws SQLException {
        return embedded != null ? DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "")
                : DriverManager.getConnection(jdbcUrl);
    }

    /** Creates {@code table} like {@code model}; on Citus distributed by {@code column} beside {@code model}. */
    void createLike(Connection c, String table, String model, String column) throws SQLException {
        c.createStatement().execute("CREATE TABLE " + table + " (LIKE " + model + " INCLUDING ALL)");
        if (citus) {
            c.createStatement().execute("SELECT create_distributed_table('" + table + "', '" + column
                    + "', colocate_with => '" + model + "')");
        }
    }

    @Override
    public void close() throws SQLException {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            if (citus) {
                c.createStatement().execute("DELETE FROM pg_dist_rebalance_strategy WHERE name = 'dialogs_pinned_"
                        + schema + "'");
                // an isolation leaves the split's old shards to a deferred cleanup: do it now, as the ITs do
                c.createStatement().execute("CALL citus_cleanup_orphaned_resources()");
            }
        }
    }
}
