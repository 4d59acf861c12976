package org.dialogs.local;

import java.nio.file.Path;
import java.util.Map;

import org.dialogs.schemas.Topics;

/**
 * Where the embedded default keeps its data and which ports it uses (0 picks a free port), and the environment
 * that may point it at an existing database ({@code SPRING_DATASOURCE_URL}) or Kafka
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}). {@code schemaRegistry} says whether Confluent-framed records can be read:
 * {@code off} (the default: they are dead-lettered), {@code embedded} (Apicurio Registry as a child process, from
 * {@code DIALOGS_SCHEMA_REGISTRY_JAR} or the schema-registry module's build) or the URL of an existing registry's
 * Confluent-compatible API.
 */
public record LocalStackOptions(Path dataDir, int kafkaPort, int postgresPort, int gatewayPort, int writerPort,
        int detectorPort, int partitions, String schemaRegistry, Map<String, String> environment) {

    /** The value of {@code schemaRegistry} that starts Apicurio Registry with the stack. */
    public static final String EMBEDDED_REGISTRY = "embedded";

    /** Where the Apicurio runner jar is, unless {@code DIALOGS_SCHEMA_REGISTRY_JAR} says: the module's build. */
    static final String DEFAULT_REGISTRY_JAR = "schema-registry/target/apicurio-registry-runner.jar";

    public static LocalStackOptions defaults(Map<String, String> environment) {
        return new LocalStackOptions(Path.of(environment.getOrDefault("DIALOGS_DATA_DIR", "data")),
                19092, 54320, 8080, 8081, 8082, Topics.DEFAULT_PARTITIONS,
                environment.getOrDefault("DIALOGS_SCHEMA_REGISTRY", "off"), environment);
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
                        o.writerPort, o.detectorPort, o.partitions, o.schemaRegistry, environment);
                case "postgres-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, port(kv[1]), o.gatewayPort,
                        o.writerPort, o.detectorPort, o.partitions, o.schemaRegistry, environment);
                case "gateway-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, port(kv[1]),
                        o.writerPort, o.detectorPort, o.partitions, o.schemaRegistry, environment);
                case "writer-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, o.gatewayPort,
                        port(kv[1]), o.detectorPort, o.partitions, o.schemaRegistry, environment);
                case "detector-port" -> new LocalStackOptions(o.dataDir, o.kafkaPort, o.postgresPort, o.gatewayPort,
                        o.writerPort, port(kv[1]), o.partitions, o.schemaRegistry, environment);
                case "schema-registry" -> o.withSchemaRegistry(kv[1]);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0] + " (known: --data-dir,"
                        + " --kafka-port, --postgres-port, --gateway-port, --writer-port, --detector-port,"
                        + " --schema-registry)");
            };
        }
        return o;
    }

    public LocalStackOptions withDataDir(Path dir) {
        return new LocalStackOptions(dir, kafkaPort, postgresPort, gatewayPort, writerPort, detectorPort, partitions,
                schemaRegistry, environment);
    }

    /** {@code off}, {@code embedded} or the URL of an existing registry's Confluent-compatible API. */
    public LocalStackOptions withSchemaRegistry(String registry) {
        if (!registry.equals("off") && !registry.equals(EMBEDDED_REGISTRY) && !registry.startsWith("http")) {
            throw new IllegalArgumentException("--schema-registry must be off, embedded or a URL, was " + registry);
        }
        return new LocalStackOptions(dataDir, kafkaPort, postgresPort, gatewayPort, writerPort, detectorPort,
                partitions, registry, environment);
    }

    /** Every port 0, so several stacks (tests) can run on one machine. */
    public LocalStackOptions withFreePorts() {
        return new LocalStackOptions(dataDir, 0, 0, 0, 0, 0, partitions, schemaRegistry, environment);
    }

    Path registryJar() {
        return Path.of(environment.getOrDefault("DIALOGS_SCHEMA_REGISTRY_JAR",
                System.getProperty("dialogs.schema-registry.jar", DEFAULT_REGISTRY_JAR)));
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
