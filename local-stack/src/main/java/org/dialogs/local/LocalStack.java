package org.dialogs.local;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dialogs.gateway.ApiGatewayApplication;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.Topics;
import org.dialogs.spam.SpamDetectorApplication;
import org.dialogs.writer.MessageWriterApplication;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in one JVM: a real Kafka broker (KRaft) and a real PostgreSQL, unless the environment
 * names existing ones, the topics, the migrations, optionally a schema registry (Apicurio, as a child process),
 * then message-writer, spam-detector and api-gateway.
 */
public final class LocalStack implements AutoCloseable {

    private static final String DATABASE = "dialogs";
    private static final String OPERATOR_PASSWORD_VARIABLE = "SPAM_DETECTOR_OPERATOR_PASSWORD";
    private static final String TOKEN_SECRET_VARIABLE = "API_GATEWAY_TOKEN_SECRET";
    private static final String TOKEN_SECRET_PROPERTY = "api-gateway.token-secret";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> urls = new HashMap<>();
    private final Map<String, Runnable> starters = new HashMap<>();
    private final Map<String, ConfigurableApplicationContext> services = new HashMap<>();
    private String bootstrapServers;
    private String jdbcUrl;
    private String schemaRegistryUrl;
    private String operatorPassword;
    private String operatorPasswordSource;

    private LocalStack() {
    }

    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack();
        try {
            stack.startInfrastructure(options);
            stack.startServices(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure(LocalStackOptions options) {
        Map<String, String> env = options.environment();
        if (options.externalKafka() == null) {
            KafkaKraftBroker broker = KafkaKraftBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(),
                    Map.of());
            started.add(broker);
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = options.externalKafka();
        }
        createTopics(options.partitions());
        if (options.externalDatabase() == null) {
            PostgresServer postgres = PostgresServer.start(options.dataDir().resolve("postgres"),
                    options.postgresPort(), Map.of("max_connections", "200"));
            started.add(postgres);
            postgres.createDatabase(DATABASE);
            jdbcUrl = postgres.jdbcUrl(DATABASE);
            migrate(jdbcUrl, PostgresServer.USER, "");
        } else {
            jdbcUrl = options.externalDatabase();
            migrate(jdbcUrl, env.getOrDefault("SPRING_DATASOURCE_USERNAME", PostgresServer.USER),
                    env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        }
        if (options.schemaRegistry().equals(LocalStackOptions.EMBEDDED_REGISTRY)) {
            SchemaRegistryProcess registry = SchemaRegistryProcess.start(options.registryJar(),
                    options.dataDir().resolve("schema-registry"));
            started.add(registry);
            schemaRegistryUrl = registry.url();
        } else if (!options.schemaRegistry().equals("off")) {
            schemaRegistryUrl = options.schemaRegistry();
        }
    }

    private void startServices(LocalStackOptions options) {
        LocalSecrets secrets = new LocalSecrets(options.dataDir(), new SecureRandom());
        operatorPassword = options.environment().get(OPERATOR_PASSWORD_VARIABLE);
        operatorPasswordSource = OPERATOR_PASSWORD_VARIABLE;
        if (operatorPassword == null) {
            operatorPassword = secrets.get(LocalSecrets.OPERATOR_PASSWORD, 12);
            operatorPasswordSource = secrets.file(LocalSecrets.OPERATOR_PASSWORD).toAbsolutePath().toString();
        }
        // the writer registers the shipped send-message versions before it reads the topic
        run("message-writer", MessageWriterApplication::application, options.writerPort(),
                registryArguments(true).toArray(String[]::new));
        List<String> detector = new ArrayList<>(registryArguments(false));
        detector.add("--spam-detector.operator.password=" + operatorPassword);
        detector.add("--spam-detector.dashboard.writer-metrics-url=" + urls.get("message-writer")
                + "/actuator/prometheus");
        run("spam-detector", SpamDetectorApplication::application, options.detectorPort(),
                detector.toArray(String[]::new));
        run("api-gateway", ApiGatewayApplication::application, options.gatewayPort(),
                tokenSecret(options, secrets));
    }

    /** Where the services find the schema registry, if the stack has one, and whether they register. */
    private List<String> registryArguments(boolean registerShipped) {
        if (schemaRegistryUrl == null) {
            return List.of();
        }
        String url = "--dialogs.schema-registry.url=" + schemaRegistryUrl;
        return registerShipped ? List.of(url, "--dialogs.schema-registry.register-shipped=true") : List.of(url);
    }

    /** The generated token secret, unless one is set in the environment or as a system property: then that. */
    private static String tokenSecret(LocalStackOptions options, LocalSecrets secrets) {
        String set = options.environment().getOrDefault(TOKEN_SECRET_VARIABLE,
                System.getProperty(TOKEN_SECRET_PROPERTY));
        return "--" + TOKEN_SECRET_PROPERTY + "=" + (set != null ? set : secrets.get(LocalSecrets.TOKEN_SECRET, 32));
    }

    private void run(String name, Supplier<SpringApplicationBuilder> application, int port, String... extra) {
        starters.put(name, () -> {
            // command-line arguments: they win over each service's own yml, as this stack's choices must
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=" + port,
                    "--spring.main.banner-mode=off",
                    // the services share one logging system, which would tag every line with the first one's name;
                    // the logger (org.dialogs.gateway, .writer, .spam) and the thread say whose a line is
                    "--logging.include-application-name=false",
                    "--spring.flyway.enabled=false",
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--spring.datasource.url=" + jdbcUrl));
            arguments.addAll(List.of(extra));
            ConfigurableApplicationContext context = application.get().registerShutdownHook(false)
                    .run(arguments.toArray(String[]::new));
            started.add(context);
            services.put(name, context);
            int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
            urls.put(name, "http://localhost:" + actualPort);
        });
        starters.get(name).run();
    }

    /** Stops one service and starts it again with the same settings, as an operator's restart would. */
    public void restart(String service) {
        ConfigurableApplicationContext old = services.remove(service);
        started.remove(old);
        old.close();
        starters.get(service).run();
    }

    /** The password of the operator pages ({@code /ops} on the spam-detector), user {@code operator}. */
    public String operatorPassword() {
        return operatorPassword;
    }

    /** Where the operator password comes from: the file it is kept in, or the variable that set it. */
    public String operatorPasswordSource() {
        return operatorPasswordSource;
    }

    private void createTopics(int partitions) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.definitions(partitions).stream()
                    .filter(topic -> !existing.contains(topic.name())).toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics on Kafka at " + bootstrapServers, e);
        }
    }

    private static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).load().migrate();
    }

    /** The base URL of a service: {@code api-gateway}, {@code message-writer} or {@code spam-detector}. */
    public String url(String service) {
        return urls.get(service);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The schema registry's Confluent-compatible API, or {@code null} when the stack runs without one. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /**
     * Stops the gateway (no new sends), the detector and the writer (each finishing its batch), then PostgreSQL,
     * then Kafka: the reverse of the start.
     */
    @Override
    public void close() {
        for (String service : List.of("api-gateway", "spam-detector", "message-writer")) {
            ConfigurableApplicationContext context = services.remove(service);
            if (context != null) {
                started.remove(context);
                stop(context);
            }
        }
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        reverse.forEach(LocalStack::stop);
        started.clear();
    }

    private static void stop(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("stopping " + c + " failed: " + e);
        }
    }
}
