package org.dialogs.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.flywaydb.core.Flyway;
import org.springframework.util.FileSystemUtils;

/**
 * A real Kafka broker and a real PostgreSQL on fixed ports in a temporary folder, with the topics and the
 * migrations, for tests that stop the database or kill the writer. PostgreSQL can be stopped and started again.
 * Users 1 to 5,000 and 100,000 to 105,000 are registered, since the writer refuses messages of anyone else.
 */
final class WriterTestbed implements AutoCloseable {

    static final int PARTITIONS = 3;

    private final Path folder;
    private final int postgresPort = KafkaKraftBroker.freePort();
    private final KafkaKraftBroker kafka;
    private PostgresServer postgres;

    WriterTestbed() throws IOException {
        // world-traversable: when tests run as root, PostgreSQL runs as 'nobody' inside it
        folder = Files.createTempDirectory("dialogs-writer-bed",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        kafka = KafkaKraftBroker.start(folder.resolve("kafka"), 0, Map.of());
        startPostgres();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(Topics.definitions(PARTITIONS)).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        Flyway.configure().dataSource(jdbcUrl(), PostgresServer.USER, "").load().migrate();
        execute("""
                INSERT INTO users (id, first_name, second_name, first_name_key, second_name_key, password_hash)
                SELECT id, 'User', 'Number ' || id, 'user', 'number ' || id, 'not a hash'
                  FROM generate_series(1, 5000) AS id
                UNION ALL
                SELECT id, 'User', 'Number ' || id, 'user', 'number ' || id, 'not a hash'
                  FROM generate_series(100000, 105000) AS id
                """);
    }

    /** Runs one statement on the testbed's database. */
    void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "")) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void startPostgres() {
        postgres = PostgresServer.start(folder.resolve("postgres"), postgresPort, Map.of("fsync", "off"));
    }

    void stopPostgres() {
        postgres.close();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The arguments that point a writer at this testbed. */
    List<String> writerArguments(int httpPort) {
        return List.of("--server.port=" + httpPort, "--spring.main.banner-mode=off",
                "--spring.flyway.enabled=false", "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.datasource.url=" + jdbcUrl(), "--message-writer.retry-backoff-max=1s");
    }

    KafkaProducer<String, SendMessage> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers(), "acks", "all",
                "enable.idempotence", true, "linger.ms", 5), new StringSerializer(), new SendMessageSerializer());
    }

    /** Publishes the events keyed by sender and waits until Kafka acknowledged all of them. */
    void publish(List<SendMessage> events) {
        try (KafkaProducer<String, SendMessage> producer = producer()) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (SendMessage event : events) {
                acks.add(producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE,
                        Topics.senderKey(event.getSenderId()), event)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number {@code sql} selects; -1 while the database cannot be reached. */
    long count(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "")) {
            ResultSet rs = c.createStatement().executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Every record in the dead-letter topic. */
    List<ConsumerRecord<String, byte[]>> deadLetters() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers()),
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.SEND_MESSAGE_DEAD_LETTER, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The writer's health status and body, over HTTP. */
    static HttpResponse<String> health(int httpPort) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + httpPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one unlabelled metric from the writer's Prometheus endpoint. */
    static double metric(int httpPort, String name) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + httpPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                    .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                    .orElseThrow(() -> new AssertionError("no metric " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        postgres.close();
        kafka.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }
}
