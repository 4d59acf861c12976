package org.dialogs.storage.citus;

import java.util.Objects;

/** A Citus node as the coordinator names it in {@code pg_dist_node}: host and port. */
public record WorkerNode(String host, int port) {

    public WorkerNode {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a node needs a host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** Parses {@code host:port}, as in {@code DIALOGS_CITUS_SPARE_WORKER=worker3:5432}. */
    public static WorkerNode parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'");
        }
        try {
            return new WorkerNode(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
