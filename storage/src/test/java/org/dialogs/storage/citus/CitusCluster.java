package org.dialogs.storage.citus;

import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * The Citus coordinator that the {@code *CitusIT} tests run against: the one {@code DIALOGS_CITUS_URL} names, or
 * containers of the official image where Docker runs; without either the tests are skipped, saying so.
 */
public final class CitusCluster {

    public static final String URL_VARIABLE = "DIALOGS_CITUS_URL";
    public static final String SPARE_WORKER_VARIABLE = "DIALOGS_CITUS_SPARE_WORKER";

    private static CitusCluster shared;
    private static String unavailable;

    /** A JDBC URL of the coordinator, with user and password if it needs them. */
    public final String jdbcUrl;
    /** A worker that runs but is not in the cluster yet, for the test that adds one. */
    public final Optional<WorkerNode> spareWorker;

    CitusCluster(String jdbcUrl, Optional<WorkerNode> spareWorker) {
        this.jdbcUrl = jdbcUrl;
        this.spareWorker = spareWorker;
    }

    /** The cluster, or null when there is none (see {@link #assumeAvailable()}). */
    public static synchronized CitusCluster orNull() {
        if (shared == null && unavailable == null) {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                shared = new CitusCluster(url, Optional.ofNullable(System.getenv(SPARE_WORKER_VARIABLE))
                        .filter(s -> !s.isBlank())
                        .map(WorkerNode::parse));
            } else if (CitusContainers.dockerAvailable()) {
                shared = CitusContainers.start();
            } else {
                unavailable = "no Citus cluster: set " + URL_VARIABLE + " to the JDBC URL of a Citus coordinator"
                        + " (e.g. jdbc:postgresql://localhost:5432/postgres?user=postgres), or run where Docker is"
                        + " available for citusdata/citus containers";
            }
        }
        return shared;
    }

    /** Skips the calling test, saying why, when there is no cluster. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(orNull() != null, unavailable);
    }

    /** The spare worker; skips the calling test when there is none. */
    public WorkerNode spareWorkerOrSkip() {
        Assumptions.assumeTrue(spareWorker.isPresent(), "no spare worker: set " + SPARE_WORKER_VARIABLE
                + "=host:port of a started Citus node with the citus extension that is not in the cluster yet");
        return spareWorker.get();
    }
}
