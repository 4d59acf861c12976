package org.dialogs.spam.isolate;

import java.util.List;

import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.storage.citus.NodeLoad;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.WorkerNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a detector told to move isolated tenants to a node that is not a worker of its Citus cluster,
 * rather than failing every isolation job later. A database that cannot be reached at start is not a reason to
 * refuse: the jobs say so then.
 */
@Component
class DedicatedWorkerCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DedicatedWorkerCheck.class);

    private final ShardOperations shards;
    private final String dedicatedWorker;

    DedicatedWorkerCheck(ShardOperations shards, SpamDetectorProperties properties) {
        this.shards = shards;
        this.dedicatedWorker = properties.isolation().dedicatedWorker();
    }

    @Override
    public void afterPropertiesSet() {
        if (dedicatedWorker.isEmpty()) {
            return;
        }
        WorkerNode wanted = WorkerNode.parse(dedicatedWorker);
        List<NodeLoad> nodes;
        try {
            if (!shards.isCitusCluster()) {
                throw new IllegalStateException("spam-detector.isolation.dedicated-worker is " + dedicatedWorker
                        + ", but the database is not a Citus cluster: leave it empty");
            }
            nodes = shards.nodes();
        } catch (DataAccessException e) {
            log.warn("cannot check spam-detector.isolation.dedicated-worker {} now: {}", dedicatedWorker, e.toString());
            return;
        }
        boolean isWorker = nodes.stream().anyMatch(n -> n.node().equals(wanted) && !n.coordinator());
        if (!isWorker) {
            throw new IllegalStateException("spam-detector.isolation.dedicated-worker " + dedicatedWorker
                    + " is not a worker of the Citus cluster; its nodes are "
                    + nodes.stream().map(n -> n.node().toString()).toList());
        }
    }
}
