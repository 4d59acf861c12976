package org.dialogs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import javax.sql.DataSource;

import org.dialogs.infra.PostgresServer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL from the embedded binaries, in a temporary folder, with the dialogs migrations applied; closing
 * it stops the server and deletes the folder.
 */
public final class MigratedPostgres implements AutoCloseable {

    private final Path folder;
    private final PostgresServer server;
    private final DataSource dataSource;

    private MigratedPostgres(Path folder, PostgresServer server) {
        this.folder = folder;
        this.server = server;
        this.dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), PostgresServer.USER, "");
    }

    /** Starts a server on a free port without fsync (test data need not survive a crash) and migrates it. */
    public static MigratedPostgres start() {
        Path folder = temporaryFolder();
        MigratedPostgres postgres = new MigratedPostgres(folder,
                PostgresServer.start(folder.resolve("postgres"), 0, Map.of("fsync", "off")));
        try {
            Flyway.configure().dataSource(postgres.dataSource).load().migrate();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** The JDBC URL of the migrated database, without user or password. */
    public String jdbcUrl() {
        return server.jdbcUrl("postgres");
    }

    /** Connections as {@link PostgresServer#USER}, opened on demand and never pooled. */
    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    @Override
    public void close() {
        server.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    private static Path temporaryFolder() {
        try {
            // world-traversable: when tests run as root, PostgreSQL runs as 'nobody' inside it
            return Files.createTempDirectory("dialogs-postgres",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
