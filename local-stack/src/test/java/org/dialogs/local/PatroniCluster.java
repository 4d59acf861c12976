package org.dialogs.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A primary and a synchronous standby of PostgreSQL 15 managed by Patroni, with etcd, all on loopback: the
 * Debian packages {@code patroni}, {@code etcd-server} and {@code postgresql-15}, started and stopped here.
 */
final class PatroniCluster implements AutoCloseable {

    private static final String SCOPE = "dialogs-ha";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A member as Patroni's {@code /cluster} shows it: role leader, sync_standby or replica. */
    record Member(String name, String role, String state) {
    }

    private final EtcdServer etcd;
    private final List<PatroniNode> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    // a JVM that ends without close (a killed fork) must not leave servers behind
    private final Thread onExit = new Thread(this::stopAll, "patroni-cluster-stop");

    private PatroniCluster(EtcdServer etcd, List<PatroniNode> nodes) {
        this.etcd = etcd;
        this.nodes = nodes;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Why the cluster cannot run on this machine, if it cannot. */
    static Optional<String> unavailableBecause() {
        List<String> missing = Stream.of("patroni", "patronictl", "etcd").filter(c -> !onPath(c)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("not installed: " + missing + " (Debian: apt-get install patroni etcd-server)");
        }
        if (!Files.isExecutable(PatroniNode.POSTGRES_BIN.resolve("postgres"))) {
            return Optional.of("no PostgreSQL 15 in " + PatroniNode.POSTGRES_BIN + " (Debian: postgresql-15)");
        }
        return Optional.empty();
    }

    /** Starts etcd and two nodes in {@code folder}, and waits until one leads and the other is its sync standby. */
    static PatroniCluster start(Path folder) {
        EtcdServer etcd = EtcdServer.start(folder.resolve("etcd"));
        List<PatroniNode> nodes = new ArrayList<>();
        PatroniCluster cluster = new PatroniCluster(etcd, nodes);
        try {
            for (String name : List.of("node1", "node2")) {
                PatroniNode node = PatroniNode.create(name, folder.resolve(name), SCOPE, etcd.hostAndPort());
                nodes.add(node);
                node.start();
                if (nodes.size() == 1) {
                    // the first bootstraps the cluster, the second is cloned from it
                    await("leader").atMost(Duration.ofSeconds(60)).until(() -> cluster.leader().isPresent());
                }
            }
            cluster.awaitSynchronous(Duration.ofSeconds(90));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The URL the services use: both hosts, and the driver connects to whichever is the primary, so they follow a
     * switchover or failover without a restart; short connect and socket timeouts so a dead host costs seconds.
     */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.postgresPort)
                .toList()) + "/" + database
                + "?targetServerType=primary&hostRecheckSeconds=1&connectTimeout=2&socketTimeout=30";
    }

    void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database, e);
        }
    }

    List<Member> members() {
        for (PatroniNode node : nodes) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.restPort + "/cluster"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                List<Member> members = new ArrayList<>();
                for (JsonNode m : JSON.readTree(response.body()).get("members")) {
                    members.add(new Member(m.get("name").asString(), m.get("role").asString(),
                            m.get("state").asString()));
                }
                return members;
            } catch (IOException | RuntimeException e) {
                // that node's REST API is down: ask the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }

    Optional<PatroniNode> leader() {
        return withRole("leader");
    }

    Optional<PatroniNode> syncStandby() {
        return withRole("sync_standby");
    }

    private Optional<PatroniNode> withRole(String role) {
        return members().stream().filter(m -> m.role().equals(role) && m.state().equals("running"))
                .findFirst().flatMap(m -> nodes.stream().filter(n -> n.name.equals(m.name())).findFirst());
    }

    /** Waits until a running leader has a running synchronous standby. */
    void awaitSynchronous(Duration atMost) {
        await("a leader and a sync standby").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> leader().isPresent() && syncStandby().isPresent());
    }

    /** {@code patronictl switchover} from the leader to the sync standby; returns the new leader's name. */
    String switchover() {
        PatroniNode from = leader().orElseThrow();
        PatroniNode to = syncStandby().orElseThrow();
        Processes.run(List.of("patronictl", "-c", from.config().toString(), "switchover", SCOPE,
                "--leader", from.name, "--candidate", to.name, "--force"), Duration.ofSeconds(60));
        return to.name;
    }

    @Override
    public void close() {
        stopAll();
        Runtime.getRuntime().removeShutdownHook(onExit);
    }

    private void stopAll() {
        nodes.forEach(PatroniNode::stop);
        etcd.close();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
