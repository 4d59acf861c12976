package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.schemas.SendMessage;
import org.junit.jupiter.api.Test;

/**
 * A writer process killed with SIGKILL while a batch transaction is open, then two fresh writer processes in the
 * same consumer group: every event ends up stored exactly once, counted once in the unread counts.
 */
class WriterKillIT {

    private static final int EVENTS = 200_000;
    private static final int SENDERS = 2_000;

    @Test
    void writerKilledMidBatch_thenRestartedAsTwoInstances_storesEveryEventOnce() throws Exception {
        try (WriterTestbed bed = new WriterTestbed()) {
            List<SendMessage> events = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                long sender = 1 + i % SENDERS;
                events.add(SendMessages.from(sender, 100_000 + (i * 7L) % SENDERS, "message " + i));
            }
            bed.publish(events);

            Process first = startWriter(bed, "first");
            long storedAtKill;
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                        bed.count("SELECT count(*) FROM messages") > 10_000 && openWriterTransactions(bed) > 0);
            } finally {
                first.destroyForcibly().waitFor();
                storedAtKill = bed.count("SELECT count(*) FROM messages");
            }
            assertThat(storedAtKill).as("killed before the end").isLessThan(EVENTS);

            Process second = startWriter(bed, "second");
            Process third = startWriter(bed, "third");
            try {
                await().atMost(Duration.ofSeconds(180)).until(() ->
                        bed.count("SELECT count(*) FROM messages") == EVENTS);
                assertThat(bed.count("SELECT count(DISTINCT id) FROM messages")).isEqualTo(EVENTS);
                assertThat(bed.count("SELECT sum(unread_count) FROM user_dialogs")).isEqualTo(EVENTS);
                assertThat(bed.deadLetters()).isEmpty();
            } finally {
                second.destroy();
                third.destroy();
                second.waitFor();
                third.waitFor();
            }
        }
    }

    /** Transactions of a writer now inside a batch (an INSERT running or its transaction open). */
    private static long openWriterTransactions(WriterTestbed bed) {
        return bed.count("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO%'
                """);
    }

    /** A writer as its own JVM, from the service's executable jar, logging to target/. */
    private static Process startWriter(WriterTestbed bed, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", executableJar()));
        command.addAll(bed.writerArguments(KafkaKraftBroker.freePort()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/writer-kill-it-" + name + ".log")).start();
    }

    private static String executableJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("message-writer-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no message-writer-*-exec.jar in target/: run through 'mvn verify'"))
                    .toString();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
