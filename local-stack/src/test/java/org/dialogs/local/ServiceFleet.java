package org.dialogs.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.dialogs.infra.KafkaKraftBroker;
import org.dialogs.infra.PostgresServer;
import org.dialogs.schemas.Topics;
import org.flywaydb.core.Flyway;
import org.springframework.util.FileSystemUtils;

/**
 * Every service as its own process, as a deployment runs them: a real Kafka broker and a real PostgreSQL (in this
 * JVM, on fixed ports, so the broker can be restarted), and gateways, writers and detectors started from their
 * executable jars, each of which can be killed (SIGKILL) or started again. Their logs go to {@code target/fleet}.
 */
final class ServiceFleet implements AutoCloseable {

    static final String TOKEN_SECRET = RunningStack.TOKEN_SECRET;
    static final String OPERATOR_PASSWORD = "fleet-operator-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** One running service process. */
    record Service(String name, String module, int port, Process process) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    private final Path folder;
    private final int kafkaPort = KafkaKraftBroker.freePort();
    private final PostgresServer postgres;
    private final String jdbcUrl;
    private KafkaKraftBroker kafka;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<String> extraArguments;

    private ServiceFleet(List<String> extraArguments) throws IOException {
        this.extraArguments = extraArguments;
        folder = Files.createTempDirectory("dialogs-fleet",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        startKafka();
        postgres = PostgresServer.start(folder.resolve("postgres"), KafkaKraftBroker.freePort(),
                Map.of("max_connections", "300", "fsync", "off"));
        postgres.createDatabase("dialogs");
        jdbcUrl = postgres.jdbcUrl("dialogs");
        Flyway.configure().dataSource(jdbcUrl, PostgresServer.USER, "").load().migrate();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(Topics.definitions(Topics.DEFAULT_PARTITIONS)).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics", e);
        }
    }

    /**
     * Infrastructure, then {@code gateways} gateways, {@code writers} writers and {@code detectors} detectors, each
     * also given {@code extraArguments} ({@code --name=value}).
     */
    static ServiceFleet start(int gateways, int writers, int detectors, String... extraArguments) throws IOException {
        ServiceFleet fleet = new ServiceFleet(List.of(extraArguments));
        try {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= writers; i++) {
                names.add(fleet.launch("message-writer", "writer-" + i));
            }
            for (int i = 1; i <= detectors; i++) {
                names.add(fleet.launch("spam-detector", "detector-" + i));
            }
            for (int i = 1; i <= gateways; i++) {
                names.add(fleet.launch("api-gateway", "gateway-" + i));
            }
            names.forEach(fleet::awaitUp);
            return fleet;
        } catch (RuntimeException | IOException e) {
            fleet.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Service service(String name) {
        return services.get(name);
    }

    /** The base URLs of the running gateways, in the order they were started. */
    List<String> gateways() {
        return services.values().stream().filter(s -> s.module().equals("api-gateway") && s.process().isAlive())
                .map(Service::url).toList();
    }

    /** The consumer groups of this fleet's processes, as Kafka sees them now. */
    ConsumerGroupView groups() {
        return new ConsumerGroupView(bootstrapServers(), services.keySet());
    }

    /** SIGKILL: the process ends at once, with whatever it held open. */
    void kill(String name) throws InterruptedException {
        services.get(name).process().destroyForcibly().waitFor();
    }

    /** Starts a killed or stopped service again under the same name and port, and waits until it is up. */
    void restart(String name) throws IOException {
        relaunch(name);
        awaitUp(name);
    }

    /** Starts a killed or stopped service again under the same name and port, without waiting for it. */
    void relaunch(String name) throws IOException {
        Service old = services.get(name);
        launch(old.module(), name, old.port());
    }

    /** Waits until the service answers its health check with 200. */
    void awaitUp(String name) {
        Service service = services.get(name);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(name + " exited at start: see target/fleet/" + name + ".log");
            }
            if (healthStatus(service) == 200) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not up within " + START_TIMEOUT + ": see target/fleet/" + name + ".log");
    }

    /** Stops the broker cleanly, keeping its data. */
    void stopKafka() {
        kafka.close();
        kafka = null;
    }

    /** Starts the broker again on the same port and data. */
    void startKafka() {
        kafka = KafkaKraftBroker.start(folder.resolve("kafka"), kafkaPort, Map.of("group.initial.rebalance.delay.ms", "0"));
    }

    private String launch(String module, String name) throws IOException {
        return launch(module, name, KafkaKraftBroker.freePort());
    }

    private String launch(String module, String name, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", executableJar(module),
                "--server.port=" + port, "--spring.main.banner-mode=off", "--spring.flyway.enabled=false",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(), "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + PostgresServer.USER,
                "--api-gateway.token-secret=" + TOKEN_SECRET,
                "--spam-detector.operator.password=" + OPERATOR_PASSWORD,
                // Kafka clients named for the process, so a group's members say which process they are
                "--spring.kafka.client-id=" + name));
        command.addAll(extraArguments);
        Path logs = Files.createDirectories(Path.of("target", "fleet"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logs.toFile(), name + ".log"))).start();
        services.put(name, new Service(name, module, port, process));
        return name;
    }

    /** The HTTP status of a service's health endpoint; 0 if it does not answer. */
    static int healthStatus(Service service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executableJar(String module) throws IOException {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + "-*-exec.jar in " + target
                            + ": run the tests through 'mvn verify'"))
                    .toString();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        services.values().forEach(s -> s.process().destroyForcibly());
        for (Service s : services.values()) {
            try {
                s.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        postgres.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    /** The single number {@code sql} selects. */
    long count(String sql) {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
