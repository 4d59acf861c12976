package org.dialogs.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server, from Zonky's embedded binaries, run as a child process on loopback with its data
 * in a folder of the caller's choosing: created on first start, reused after.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Path binaries;
    private final Path dataDir;
    private final int port;
    private final ServerUser user;
    private final Process process;

    private PostgresServer(Path binaries, Path dataDir, int port, ServerUser user, Process process) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
        this.user = user;
        this.process = process;
    }

    /** Initialises {@code dataDir} if it is new, then starts the server on {@code port} (0 picks a free one). */
    public static PostgresServer start(Path dataDir, int port, Map<String, String> settings) {
        Path binaries = PostgresBinaries.unpacked();
        ServerUser user = ServerUser.forThisProcess();
        int serverPort = port == 0 ? KafkaKraftBroker.freePort() : port;
        Path data = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(data);
            user.own(data);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                run(user, List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER,
                        "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"), "initdb");
            }
            Process process = new ProcessBuilder(user.command(serverCommand(binaries, data, serverPort, settings)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + ".log").toFile()))
                    .start();
            PostgresServer server = new PostgresServer(binaries, data, serverPort, user, process);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + data, e);
        }
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    /** Stops the server with a fast shutdown: open transactions roll back, committed data stays. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            run(user, List.of(binaries.resolve("bin/pg_ctl").toString(), "stop", "-D", dataDir.toString(),
                    "-m", "fast", "-w", "-t", "60"), "pg_ctl stop");
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static List<String> serverCommand(Path binaries, Path data, int port, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("PostgreSQL in " + dataDir + " did not accept connections on port " + port
                + (process.isAlive() ? " within " + STARTUP : "; it exited, see " + dataDir + ".log"), last);
    }

    private static void run(ServerUser user, List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(user.command(command)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(what + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed to run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL starts", e);
        }
    }
}
