package org.dialogs.spam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import javax.sql.DataSource;

import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.PostgresServer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL with the dialogs schema, in a temporary folder, that a test can stop and start again on the
 * same port: while it is stopped, every new connection fails as in an outage.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String DATABASE = "dialogs";

    private final Path folder;
    private final int port;
    private PostgresServer server;

    private TestDatabase(Path folder, int port) {
        this.folder = folder;
        this.port = port;
        this.server = PostgresServer.start(folder.resolve("postgres"), port, Map.of());
    }

    public static TestDatabase start() {
        try {
            // world-traversable: when tests run as root, PostgreSQL runs as 'nobody' inside it
            Path folder = Files.createTempDirectory("spam-detector-it",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            TestDatabase database = new TestDatabase(folder, KafkaKraftBroker.freePort());
            database.server.createDatabase(DATABASE);
            Flyway.configure().dataSource(database.url(), PostgresServer.USER, "").load().migrate();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections made on demand, none pooled: each one fails while the server is stopped. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url(), PostgresServer.USER, "");
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    public long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    /** Empties the detector's tables between tests. */
    public void clear() {
        jdbc().sql("TRUNCATE sender_flags, isolation_jobs").update();
    }

    /** An outage: a fast shutdown, committed data stays. */
    public void stop() {
        server.close();
    }

    /** The end of the outage, on the same port. */
    public void restart() {
        server = PostgresServer.start(folder.resolve("postgres"), port, Map.of());
    }

    @Override
    public void close() {
        server.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }
}
