package org.dialogs.local;

import java.nio.file.Path;
import java.util.Map;

import org.dialogs.schemas.Topics;

/**
 * Where the embedded default keeps its data and which ports it uses (0 picks a free port), and the environment
 * that may point it at an existing database ({@code SPRING_DATASOURCE_URL}) or Kafka
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}).
 */
public record LocalStackOptions(Path dataDir, int kafkaPort, int postgresPort, int gatewayPort, int writerPort,
        int detectorPort, int partitions, Map<String, String> environment) {

    public static LocalStackOptions defaults(Map<String, String> environment) {
        return new LocalStackOptions(Path.of(environment.getOrDefault("DIALOGS_DATA_DIR", "data")),
                19092, 54320, 8080, 8081, 8082, Topics.DEFAULT_PARTITIONS, environment);
    }

    /** Options from {@code --name=value} arguments over {@link #defaults}. */
    public static LocalStackOptions parse(String[] args, Map<String, String> environment) {
        LocalStackOptions o = defaults(environment);
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            o = switch (kv[0]) {
                case "data-dir" -> o.withDataDir(Path.of(kv[1]));
                case "kafka-port" -> new LocalStackOptions(o.dataDir, port(kv[1]), o.postgresPort, o.gatewayPort,
                        o.writerPort, o.detectorPort, o.partitions, environment);
                case "postgres-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, port(kv[1]), o.gatewayPort,
                        o.writerPort, o.detectorPort, o.partitions, environment);
                case "gateway-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, port(kv[1]),
                        o.writerPort, o.detectorPort, o.partitions, environment);
                case "writer-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, o.gatewayPort,
                        port(kv[1]), o.detectorPort, o.partitions, environment);
                case "detector-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, o.gatewayPort,
                        o.writerPort, port(kv[1]), o.partitions, environment);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0] + " (known: --data-dir,"
                        + " --kafka-port, --postgres-port, --gateway-port, --writer-port, --detector-port)");
            };
        }
        return o;
    }

    public LocalStackOptions withDataDir(Path dir) {
        return new LocalStackOptions(dir, kafkaPort, postgresPort, gatewayPort, writerPort, detectorPort, partitions,
                environment);
    }

    /** Every port 0, so several stacks (tests) can run on one machine. */
    public LocalStackOptions withFreePorts() {
        return new LocalStackOptions(dataDir, 0, 0, 0, 0, 0, partitions, environment);
    }

    String externalDatabase() {
        return environment.get("SPRING_DATASOURCE_URL");
    }

    String externalKafka() {
        return environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + value);
        }
        return port;
    }
}
