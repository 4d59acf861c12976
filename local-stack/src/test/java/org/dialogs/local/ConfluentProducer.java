package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Node.js producer in {@code src/test/node/confluent-producer}: Confluent's own Avro serializer
 * ({@code @confluentinc/schemaregistry}) and {@code kafkajs}, installed with {@code npm ci} into
 * {@code target/confluent-producer} (again only when the lock file changed).
 */
final class ConfluentProducer {

    private static final Path SOURCE = Path.of(System.getProperty("dialogs.confluent-producer.dir",
            "src/test/node/confluent-producer"));
    private static final Path BUILD = Path.of("target", "confluent-producer");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "produce.js");

    private ConfluentProducer() {
    }

    /** Why the producer cannot run here (no {@code node} or {@code npm} on the path), if it cannot. */
    static Optional<String> unavailableBecause() {
        for (String tool : List.of("node", "npm")) {
            try {
                Processes.run(List.of(tool, "--version"), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                return Optional.of(tool + " is not installed (" + e.getMessage()
                        + "); Debian: apt-get install nodejs npm");
            }
        }
        return Optional.empty();
    }

    /** Copies the producer into the build folder and installs its locked dependencies there. */
    static void install() {
        try {
            Files.createDirectories(BUILD);
            Path lock = BUILD.resolve("package-lock.json");
            boolean installed = Files.isDirectory(BUILD.resolve("node_modules")) && Files.exists(lock)
                    && Files.mismatch(lock, SOURCE.resolve("package-lock.json")) == -1;
            for (String file : FILES) {
                Files.copy(SOURCE.resolve(file), BUILD.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!installed) {
                Processes.run(List.of("npm", "ci", "--prefix", BUILD.toString(), "--no-audit", "--no-fund",
                        "--loglevel=error"), Duration.ofMinutes(10));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Produces {@code eventsJson} to the send-message topic; the producer's output, a line per record and ack. */
    static String produce(String bootstrapServers, String registryUrl, String eventsJson) {
        try {
            Path events = Files.createTempFile(BUILD.toAbsolutePath(), "events", ".json");
            Files.writeString(events, eventsJson);
            return Processes.run(List.of("node", BUILD.resolve("produce.js").toString(), bootstrapServers,
                    registryUrl, events.toString()), Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
