package org.dialogs.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.MessageIdGenerator;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.dialogs.writer.MessageWriterApplication;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * Loads N send-message events into a real Kafka broker, then times the message-writer turning them into durable
 * rows in a real PostgreSQL, and, as the baseline in the same run and database, a raw {@code COPY} of the same
 * rows into a table like {@code messages} (same columns, same indexes). Prints both rates and their ratio.
 */
final class WriterBenchmark {

    private static final String COPY_TABLE = "messages_copy_baseline";

    private WriterBenchmark() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int events = options.integer("events", 1_000_000);
        int senders = options.integer("senders", 100_000);
        int partitions = options.integer("partitions", 6);
        Path folder = Files.createTempDirectory("dialogs-bench",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        System.out.printf("machine: %s%n", Machine.describe());
        String existing = options.text("jdbc-url", "");
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(folder.resolve("kafka"), 0,
                Map.of("group.initial.rebalance.delay.ms", "0"));
                BenchDatabase database = existing.isEmpty() ? BenchDatabase.embedded(folder.resolve("postgres"))
                        : BenchDatabase.existing(existing)) {
            String jdbcUrl = database.jdbcUrl();
            Flyway.configure().dataSource(database.jdbcUrl(), existing.isEmpty() ? PostgresServer.USER : null,
                    existing.isEmpty() ? "" : null).load().migrate();
            System.out.printf("database: %s%n", database.citus() ? "Citus, a schema of its own" : "PostgreSQL");
            registerUsers(database, senders);
            createTopic(kafka.bootstrapServers(), partitions);
            List<SendMessage> generated = generate(events, senders);
            long produceNanos = produce(kafka.bootstrapServers(), generated);
            System.out.printf("loaded %,d events into %d partitions in %.1f s%n", events, partitions,
                    produceNanos / 1e9);

            double writerSeconds = timeWriter(kafka.bootstrapServers(), jdbcUrl, events, options.passThrough());
            double copySeconds = timeCopy(database, generated);
            double[] floor = timeSetBasedFloor(database);
            verify(database, events);

            double writerRate = events / writerSeconds;
            double copyRate = events / copySeconds;
            System.out.printf("%nsettings: %,d events, %,d senders, %d partitions, PostgreSQL %s%n", events, senders,
                    partitions, serverVersion(database));
            System.out.printf("| writer (Kafka -> rows) | %,.0f rows/s | %.1f s |%n", writerRate, writerSeconds);
            System.out.printf("| raw COPY (baseline)    | %,.0f rows/s | %.1f s |%n", copyRate, copySeconds);
            System.out.printf("| ratio writer / COPY    | %.2f |%n", writerRate / copyRate);
            System.out.printf("%nwhat bounds it: the writer's own SQL on the same rows, set-based, one statement each%n");
            System.out.printf("| messages INSERT ... ON CONFLICT DO NOTHING | %.1f s |%n", floor[0]);
            System.out.printf("| dialog rows upsert (both sides)            | %.1f s |%n", floor[1]);
            System.out.printf("| database floor for the writer's work       | %,.0f rows/s | ratio to COPY %.2f |%n",
                    events / (floor[0] + floor[1]), copySeconds / (floor[0] + floor[1]));
        } finally {
            FileSystemUtils.deleteRecursively(folder.toFile());
        }
    }

    /** Users 1 to {@code count}, every sender and recipient of the generated events: the writer refuses others. */
    private static void registerUsers(BenchDatabase database, int count) throws SQLException {
        try (Connection c = database.connect()) {
            c.createStatement().execute("""
                    INSERT INTO users (id, first_name, second_name, first_name_key, second_name_key, password_hash)
                    SELECT id, 'Bench', 'User ' || id, 'bench', 'user ' || id, 'not a hash'
                      FROM generate_series(1, %d) AS id
                    """.formatted(count));
        }
    }

    /** Events from {@code senders} senders (uniformly), each to one of 20 peers, texts of 20 to 200 characters. */
    private static List<SendMessage> generate(int events, int senders) {
        Random random = new Random(42);
        MessageIdGenerator ids = MessageIdGenerator.systemDefault();
        List<SendMessage> generated = new ArrayList<>(events);
        long start = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        String alphabet = "Привет, как дела? Hello, how are you doing today? ";
        for (int i = 0; i < events; i++) {
            long sender = 1 + random.nextInt(senders);
            long recipient = 1 + (sender + 1 + random.nextInt(20)) % senders;
            int length = 20 + random.nextInt(181);
            int offset = random.nextInt(alphabet.length());
            String text = (alphabet.repeat(5)).substring(offset, offset + length);
            generated.add(SendMessage.newBuilder().setMessageId(ids.next()).setSenderId(sender)
                    .setRecipientId(recipient == sender ? sender % senders + 1 : recipient).setText(text)
                    .setSentAt(Instant.ofEpochMilli(start + i)).build());
        }
        return generated;
    }

    private static void createTopic(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Topics.definitions(partitions)).all().get();
        }
    }

    private static long produce(String bootstrap, List<SendMessage> events) throws Exception {
        long start = System.nanoTime();
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 20,
                "batch.size", 512 * 1024, "compression.type", "lz4");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new SendMessageSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
            for (SendMessage event : events) {
                acks.add(producer.send(new ProducerRecord<>(Topics.SEND_MESSAGE,
                        Topics.senderKey(event.getSenderId()), event)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        return System.nanoTime() - start;
    }

    /** Seconds from starting the writer's consumer until it has stored every event. */
    private static double timeWriter(String bootstrap, String jdbcUrl, int events, List<String> settings)
            throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.flyway.enabled=false", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + jdbcUrl, "--spring.kafka.listener.auto-startup=false"));
        arguments.addAll(settings);
        if (!settings.isEmpty()) {
            System.out.printf("writer settings: %s%n", settings);
        }
        try (ConfigurableApplicationContext writer = MessageWriterApplication.application()
                .registerShutdownHook(false).run(arguments.toArray(String[]::new))) {
            var stored = writer.getBean(MeterRegistry.class).get("dialogs.writer.rows.stored").counter();
            long start = System.nanoTime();
            writer.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("message-writer").start();
            long lastReport = start;
            while (stored.count() < events) {
                Thread.sleep(5);
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  writer: %,.0f rows after %.0f s%n", stored.count(), (lastReport - start) / 1e9);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Seconds for one COPY of the same rows into an empty table with the same columns and indexes. */
    private static double timeCopy(BenchDatabase database, List<SendMessage> events) throws Exception {
        byte[] csv = csv(events);
        try (Connection c = database.connect()) {
            database.createLike(c, COPY_TABLE, "messages", "sender_id");
            long start = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + COPY_TABLE
                    + " (id, sender_id, recipient_id, text, sent_at) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(csv));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (copied != events.size()) {
                throw new IllegalStateException("COPY stored " + copied + " rows, not " + events.size());
            }
            return seconds;
        }
    }

    /**
     * Seconds for the writer's two statements run once over all the copied rows: the messages insert with
     * {@code ON CONFLICT DO NOTHING}, and the upsert of both sides' dialog rows. No Kafka, no batches: the least
     * the database must do for the writer's work.
     */
    private static double[] timeSetBasedFloor(BenchDatabase database) throws Exception {
        try (Connection c = database.connect()) {
            database.createLike(c, "messages_floor", "messages", "sender_id");
            database.createLike(c, "dialogs_floor", "user_dialogs", "owner_id");
            long start = System.nanoTime();
            c.createStatement().execute("""
                    INSERT INTO messages_floor (id, sender_id, recipient_id, text, sent_at)
                    SELECT id, sender_id, recipient_id, text, sent_at FROM %s
                    ON CONFLICT DO NOTHING""".formatted(COPY_TABLE));
            double messages = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            c.createStatement().execute("""
                    INSERT INTO dialogs_floor AS d (owner_id, peer_id, last_message_id, last_sender_id, last_text,
                                                    last_sent_at, unread_count)
                    SELECT DISTINCT ON (owner_id, peer_id) owner_id, peer_id, id, sender_id, text, sent_at, unread
                      FROM (SELECT sender_id AS owner_id, recipient_id AS peer_id, 0 AS unread, * FROM %1$s
                            UNION ALL
                            SELECT recipient_id, sender_id, 1, * FROM %1$s) AS sides
                     ORDER BY owner_id, peer_id, sent_at DESC
                    ON CONFLICT (owner_id, peer_id) DO UPDATE SET unread_count = d.unread_count + 1
                    """.formatted(COPY_TABLE));
            return new double[] {messages, (System.nanoTime() - start) / 1e9};
        }
    }

    private static byte[] csv(List<SendMessage> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        for (SendMessage e : events) {
            String line = e.getMessageId() + "," + e.getSenderId() + "," + e.getRecipientId() + ",\""
                    + e.getText().replace("\"", "\"\"") + "\"," + e.getSentAt() + "\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void verify(BenchDatabase database, int events) throws Exception {
        try (Connection c = database.connect()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM messages), "
                    + "(SELECT sum(unread_count) FROM user_dialogs)");
            rs.next();
            if (rs.getLong(1) != events || rs.getLong(2) != events) {
                throw new IllegalStateException("expected " + events + " messages and unread counts, found "
                        + rs.getLong(1) + " and " + rs.getLong(2));
            }
        }
    }

    private static String serverVersion(BenchDatabase database) throws Exception {
        try (Connection c = database.connect()) {
            ResultSet rs = c.createStatement().executeQuery("SHOW server_version");
            rs.next();
            return rs.getString(1);
        }
    }
}
