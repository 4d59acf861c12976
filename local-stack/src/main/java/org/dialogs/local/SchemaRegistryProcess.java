package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry (the {@code schema-registry} module's runner jar, in-memory storage) as a child process on a
 * free loopback port, with its Confluent-compatible API at {@link #url()}; its output goes to
 * {@code schema-registry.log} in the data folder. Its schemas live as long as the process.
 */
final class SchemaRegistryProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final String url;

    private SchemaRegistryProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static SchemaRegistryProcess start(Path runnerJar, Path dataDir) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException("no Apicurio runner jar at " + runnerJar.toAbsolutePath()
                    + ": build it with mvn -pl schema-registry package, or name it with DIALOGS_SCHEMA_REGISTRY_JAR");
        }
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port, "-jar", runnerJar.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("schema-registry.log").toFile())
                    .start();
            SchemaRegistryProcess registry = new SchemaRegistryProcess(process,
                    "http://127.0.0.1:" + port + "/apis/ccompat/v7");
            registry.awaitReady(dataDir.resolve("schema-registry.log"));
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry from " + runnerJar, e);
        }
    }

    /** The base URL of the registry's Confluent-compatible API. */
    String url() {
        return url;
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest subjects = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry exited with " + process.exitValue()
                        + "; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(subjects, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while the schema registry started", e);
            }
            pause();
        }
        close();
        throw new IllegalStateException("the schema registry did not answer within " + START_TIMEOUT + "; see "
                + log.toAbsolutePath());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "schema registry at " + url;
    }
}
