package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.dialogs.infra.PostgresServer;

import org.springframework.util.FileSystemUtils;

/** A whole local stack on free ports in a fresh temporary folder, removed again on close. */
final class RunningStack implements AutoCloseable {

    /** The key gateways in tests sign tokens with, so a test can forge expired or tampered ones. */
    static final String TOKEN_SECRET = "test-token-secret-0123456789abcdef";

    static {
        System.setProperty("api-gateway.token-secret", TOKEN_SECRET);
    }

    final LocalStack stack;
    private final Path folder;
    private final boolean ownsFolder;

    private RunningStack(LocalStack stack, Path folder, boolean ownsFolder) {
        this.stack = stack;
        this.folder = folder;
        this.ownsFolder = ownsFolder;
    }

    static RunningStack start() {
        return start(Map.of());
    }

    /** A stack with this environment: {@code SPRING_DATASOURCE_URL} points it at an existing database. */
    static RunningStack start(Map<String, String> environment) {
        Path folder = newFolder();
        return new RunningStack(LocalStack.start(options(folder, environment)), folder, true);
    }

    /** A stack with Apicurio Registry started beside it, which the writer and the detector read Confluent ids from. */
    static RunningStack startWithSchemaRegistry() {
        Path folder = newFolder();
        return new RunningStack(LocalStack.start(options(folder, Map.of())
                .withSchemaRegistry(LocalStackOptions.EMBEDDED_REGISTRY)), folder, true);
    }

    /** A stack on {@code folder}, which it leaves in place on close: a second one on it is a restart. */
    static RunningStack startOn(Path folder) {
        return new RunningStack(LocalStack.start(options(folder, Map.of())), folder, false);
    }

    /** A fresh temporary data folder. */
    static Path newFolder() {
        try {
            // world-traversable: when tests run as root, PostgreSQL runs as 'nobody' inside it
            return Files.createTempDirectory("dialogs-it",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalStackOptions options(Path folder, Map<String, String> environment) {
        return LocalStackOptions.defaults(environment).withDataDir(folder).withFreePorts();
    }

    String gateway() {
        return stack.url("api-gateway");
    }

    /** The single number {@code sql} selects, with {@code ids} bound as bigint parameters. */
    long count(String sql, String... ids) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), PostgresServer.USER, "")) {
            PreparedStatement statement = c.prepareStatement(sql);
            for (int i = 0; i < ids.length; i++) {
                statement.setLong(i + 1, Long.parseLong(ids[i]));
            }
            ResultSet rs = statement.executeQuery();
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many records {@code topic} holds in all, over all partitions. */
    long recordsIn(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stack.close();
        if (ownsFolder) {
            FileSystemUtils.deleteRecursively(folder);
        }
    }
}
