package org.dialogs.storage.citus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A Citus cluster in Docker, from the official image: a coordinator and two workers registered with it, plus a
 * spare worker started but not registered, on one network. The containers live as long as the test JVM.
 */
final class CitusContainers {

    private static final DockerImageName IMAGE = DockerImageName.parse("citusdata/citus:13.2.0");

    private CitusContainers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static CitusCluster start() {
        Network network = Network.newNetwork();
        GenericContainer<?> coordinator = node(network, "coordinator").withExposedPorts(5432);
        Startables.deepStart(coordinator, node(network, "worker1"), node(network, "worker2"),
                node(network, "worker3")).join();
        String url = "jdbc:postgresql://" + coordinator.getHost() + ":" + coordinator.getMappedPort(5432)
                + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SELECT citus_set_coordinator_host('coordinator', 5432)");
            s.execute("SELECT citus_add_node('worker1', 5432)");
            s.execute("SELECT citus_add_node('worker2', 5432)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the Citus workers in containers", e);
        }
        return new CitusCluster(url, Optional.of(new WorkerNode("worker3", 5432)));
    }

    @SuppressWarnings("resource") // stopped with the JVM
    private static GenericContainer<?> node(Network network, String name) {
        return new GenericContainer<>(IMAGE)
                .withNetwork(network)
                .withNetworkAliases(name)
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                // logical replication moves and splits shards while writes go on
                .withCommand("postgres", "-c", "wal_level=logical")
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }
}
