package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.ServerUser;

/**
 * One Patroni-managed PostgreSQL 15 node on loopback: its configuration file, its Patroni process (run as the
 * unprivileged user when the tests are root) and the postmaster Patroni starts.
 */
final class PatroniNode {

    static final Path POSTGRES_BIN = Path.of("/usr/lib/postgresql/15/bin");

    final String name;
    final int postgresPort;
    final int restPort;
    private final Path folder;
    private final ServerUser user = ServerUser.forThisProcess();
    private Process patroni;

    private PatroniNode(String name, Path folder) {
        this.name = name;
        this.folder = folder;
        this.postgresPort = KafkaKraftBroker.freePort();
        this.restPort = KafkaKraftBroker.freePort();
    }

    /** A node whose configuration is written to {@code folder}, not started yet. */
    static PatroniNode create(String name, Path folder, String scope, String etcd) {
        PatroniNode node = new PatroniNode(name, folder);
        try {
            Files.createDirectories(folder);
            Files.writeString(node.config(), PatroniSettings.node(scope, name, etcd, node.postgresPort,
                    node.restPort, folder, POSTGRES_BIN));
            node.user.own(folder);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Patroni configuration of " + name, e);
        }
    }

    Path config() {
        return folder.resolve("patroni.yml");
    }

    void start() {
        try {
            patroni = new ProcessBuilder(user.command(List.of("env", "HOME=" + folder, "patroni",
                    config().toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("patroni.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Patroni for " + name, e);
        }
    }

    /** The whole node dies at once: SIGKILL to Patroni, so it cannot restart PostgreSQL, then to the postmaster. */
    void crash() {
        patroni.destroyForcibly();
        awaitExit(patroni);
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Stops Patroni, which stops PostgreSQL cleanly; kills whatever is left after a minute. */
    void stop() {
        if (patroni != null && patroni.isAlive()) {
            // env exec's Patroni, so this is Patroni's own SIGTERM
            patroni.destroy();
            try {
                if (!patroni.waitFor(60, TimeUnit.SECONDS)) {
                    patroni.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                patroni.destroyForcibly();
            }
        }
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The running postmaster, from its pid file. */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = folder.resolve("data/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            // a crashed node leaves its pid file behind, and the pid may belong to someone else by now
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().filter(c -> c.endsWith("/postgres")).isPresent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
