package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dialogs.infra.KafkaKraftBroker;

/** A single-member etcd on loopback ports, the store Patroni keeps its leader lock and cluster state in. */
final class EtcdServer implements AutoCloseable {

    private final int clientPort;
    private final Process process;

    private EtcdServer(int clientPort, Process process) {
        this.clientPort = clientPort;
        this.process = process;
    }

    static EtcdServer start(Path folder) {
        int client = KafkaKraftBroker.freePort();
        int peer = KafkaKraftBroker.freePort();
        String clientUrl = "http://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        try {
            Files.createDirectories(folder);
            Process process = new ProcessBuilder(List.of("etcd", "--name", "etcd0",
                    "--data-dir", folder.resolve("data").toString(),
                    "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                    "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "etcd0=" + peerUrl))
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("etcd.log").toFile())
                    .start();
            return new EtcdServer(client, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd in " + folder, e);
        }
    }

    /** The {@code host:port} Patroni's {@code etcd3.hosts} names. */
    String hostAndPort() {
        return "127.0.0.1:" + clientPort;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
