package org.dialogs.spam.http;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.storage.citus.NodeLoad;
import org.dialogs.storage.citus.RebalanceJob;
import org.dialogs.storage.citus.RebalanceStatus;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.ShardSize;
import org.dialogs.storage.citus.WorkerNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster as JSON for operators: nodes, their shards and bytes, a running rebalance; the rules; rebalancing. */
@RestController
class OpsClusterController {

    /** One node with its shard count and the bytes of its shards. */
    record NodeView(String node, boolean coordinator, boolean acceptsShards, boolean dedicated, long shardCount,
            long bytes) {
    }

    /** The cluster, or on plain PostgreSQL only {@code citus: false} and why. */
    record ClusterView(boolean citus, String message, List<NodeView> nodes, RebalanceStatus rebalance) {
    }

    private final ShardOperations shards;
    private final SpamDetectorProperties properties;

    OpsClusterController(ShardOperations shards, SpamDetectorProperties properties) {
        this.shards = shards;
        this.properties = properties;
    }

    @GetMapping("/ops/api/rules")
    Map<String, Object> rules() {
        return Map.of("window_seconds", properties.rules().window().toSeconds(), "max_messages", properties.rules().maxMessages(),
                "max_recipients", properties.rules().maxRecipients(), "candidate_messages", properties.rules().candidateMessages(),
                "dedicated_worker", properties.isolation().dedicatedWorker());
    }

    @GetMapping("/ops/api/cluster")
    ClusterView cluster() {
        if (!shards.isCitusCluster()) {
            return new ClusterView(false, "a single-node PostgreSQL database, not a Citus cluster: no shards to "
                    + "isolate, move or rebalance", List.of(), null);
        }
        Map<WorkerNode, Long> bytes = shards.shardSizes().stream()
                .collect(Collectors.groupingBy(ShardSize::node, Collectors.summingLong(ShardSize::bytes)));
        List<NodeView> nodes = shards.nodes().stream().map((NodeLoad n) -> new NodeView(n.node().toString(),
                n.coordinator(), n.acceptsShards(), n.dedicated(), n.shardCount(), bytes.getOrDefault(n.node(), 0L)))
                .toList();
        return new ClusterView(true, "Citus cluster", nodes, shards.rebalanceStatus().orElse(null));
    }

    @PostMapping("/ops/api/rebalance")
    RebalanceJob rebalance() {
        return shards.rebalance();
    }
}
