package org.dialogs.storage.citus;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the worker that a tenant's new shard goes to when it is isolated without blocking writes: one other than
 * the worker holding it now, namely the one asked for (the dedicated worker), else the one the tenant is pinned to,
 * else the other worker with the fewest shards that no other tenant is pinned to, else any other worker.
 */
final class IsolationTarget {

    /** A worker that takes shards, its node id, its shard count, and whether another tenant is pinned to it. */
    record Candidate(int nodeId, WorkerNode node, long shards, boolean dedicated) {
    }

    /** The chosen worker and why it was chosen. */
    record Choice(Candidate worker, String reason) {
    }

    private static final String CANDIDATES = """
            SELECT n.nodeid, n.nodename, n.nodeport, count(s.shardid) AS shards,
                   EXISTS (SELECT 1 FROM tenant_pins t
                            WHERE t.node_name = n.nodename AND t.node_port = n.nodeport
                              AND t.tenant_id <> :tenant) AS dedicated
              FROM pg_dist_node n
              LEFT JOIN pg_dist_placement p ON p.groupid = n.groupid
              LEFT JOIN pg_dist_shard s ON s.shardid = p.shardid
                    AND s.logicalrelid IN (SELECT logicalrelid FROM pg_dist_partition WHERE partmethod = 'h')
             WHERE n.noderole = 'primary' AND n.isactive AND n.shouldhaveshards
             GROUP BY n.nodeid, n.nodename, n.nodeport
             ORDER BY n.nodeid
            """;

    private static final String PINNED_TO = "SELECT node_name, node_port FROM tenant_pins WHERE tenant_id = :tenant";

    private IsolationTarget() {
    }

    /** The worker for {@code tenant}'s new shard, or empty when no worker but {@code source} takes shards. */
    static Optional<Choice> choose(JdbcClient jdbc, long tenant, WorkerNode source, Optional<WorkerNode> wanted) {
        List<Candidate> workers = jdbc.sql(CANDIDATES)
                .param("tenant", tenant)
                .query((rs, row) -> new Candidate(rs.getInt("nodeid"),
                        new WorkerNode(rs.getString("nodename"), rs.getInt("nodeport")), rs.getLong("shards"),
                        rs.getBoolean("dedicated")))
                .list();
        if (wanted.isPresent() && workers.stream().noneMatch(w -> w.node().equals(wanted.get()))) {
            throw new IllegalArgumentException(wanted.get() + " is not an active worker of this cluster that takes"
                    + " shards; workers: " + workers.stream().map(w -> w.node().toString()).toList());
        }
        List<Candidate> others = workers.stream().filter(w -> !w.node().equals(source)).toList();
        Optional<WorkerNode> pinned = jdbc.sql(PINNED_TO)
                .param("tenant", tenant)
                .query((rs, row) -> new WorkerNode(rs.getString("node_name"), rs.getInt("node_port")))
                .optional();
        return chooseAmong(others, wanted, pinned);
    }

    static Optional<Choice> chooseAmong(List<Candidate> others, Optional<WorkerNode> wanted,
            Optional<WorkerNode> pinned) {
        Optional<Choice> asked = named(others, wanted, "the worker asked for");
        if (asked.isPresent()) {
            return asked;
        }
        Optional<Choice> pin = named(others, pinned, "the worker the tenant is pinned to");
        if (pin.isPresent()) {
            return pin;
        }
        return others.stream()
                .min(Comparator.comparing(Candidate::dedicated).thenComparingLong(Candidate::shards)
                        .thenComparingInt(Candidate::nodeId))
                .map(w -> new Choice(w, (w.dedicated() ? "dedicated to another tenant, as every other worker is"
                        : "the least loaded other worker") + " (" + w.shards() + " shards)"));
    }

    private static Optional<Choice> named(List<Candidate> others, Optional<WorkerNode> node, String reason) {
        return node.flatMap(n -> others.stream().filter(w -> w.node().equals(n)).findFirst())
                .map(w -> new Choice(w, reason));
    }
}
