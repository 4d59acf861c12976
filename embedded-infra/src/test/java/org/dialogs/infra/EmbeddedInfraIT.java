package org.dialogs.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfraIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void postgres_keepsCommittedRowsAcrossARestartOnTheSameFolder() throws Exception {
        Path data = Path.of(System.getProperty("java.io.tmpdir")).resolve(folder.getFileName() + "-pg");
        try (PostgresServer server = PostgresServer.start(data, 0, Map.of())) {
            server.createDatabase("dialogs");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("dialogs"), PostgresServer.USER, "")) {
                c.createStatement().execute("CREATE TABLE t (v text); INSERT INTO t VALUES ('kept')");
                ResultSet version = c.createStatement().executeQuery("SHOW server_version_num");
                version.next();
                assertThat(version.getInt(1)).isBetween(170000, 179999);
            }
        }
        try (PostgresServer again = PostgresServer.start(data, 0, Map.of());
             Connection c = DriverManager.getConnection(again.jdbcUrl("dialogs"), PostgresServer.USER, "")) {
            ResultSet rows = c.createStatement().executeQuery("SELECT v FROM t");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void kafka_deliversAProducedRecordToAConsumer() throws Exception {
        try (KafkaKraftBroker broker = KafkaKraftBroker.start(folder.resolve("kafka"), 0, Map.of())) {
            Properties admin = new Properties();
            admin.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            Properties producer = new Properties();
            producer.put("bootstrap.servers", broker.bootstrapServers());
            producer.put("acks", "all");
            try (var p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            Properties consumer = new Properties();
            consumer.put("bootstrap.servers", broker.bootstrapServers());
            consumer.put("group.id", "g");
            consumer.put("auto.offset.reset", "earliest");
            try (var c = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("t"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 50 && records.isEmpty(); i++) {
                    records = c.poll(Duration.ofMillis(200));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }
        }
    }
}
