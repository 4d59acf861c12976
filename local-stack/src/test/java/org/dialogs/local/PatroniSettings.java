package org.dialogs.local;

import java.nio.file.Path;

/** The Patroni configuration of a test node: fast timings, synchronous replication, trust on loopback only. */
final class PatroniSettings {

    private PatroniSettings() {
    }

    /**
     * ttl 10 s and loop_wait 1 s make a failover take seconds rather than the default half minute
     * (loop_wait + 2 * retry_timeout must stay within ttl); synchronous_mode makes every commit wait for the
     * standby, and not strict, so losing the standby stops protection rather than writes (docs/reliability.md).
     */
    static String node(String scope, String name, String etcd, int postgresPort, int restPort, Path folder,
            Path bin) {
        return """
                scope: %1$s
                name: %2$s
                restapi:
                  listen: 127.0.0.1:%5$d
                  connect_address: 127.0.0.1:%5$d
                etcd3:
                  hosts: %3$s
                bootstrap:
                  dcs:
                    ttl: 10
                    loop_wait: 1
                    retry_timeout: 4
                    maximum_lag_on_failover: 1048576
                    synchronous_mode: true
                    synchronous_mode_strict: false
                    postgresql:
                      use_pg_rewind: true
                      parameters:
                        synchronous_commit: "on"
                        max_connections: 200
                        wal_log_hints: "on"
                  initdb:
                    - encoding: UTF8
                    - no-locale
                    - auth: trust
                postgresql:
                  listen: 127.0.0.1:%4$d
                  connect_address: 127.0.0.1:%4$d
                  data_dir: %6$s/data
                  bin_dir: %7$s
                  pgpass: %6$s/pgpass
                  authentication:
                    superuser: {username: postgres, password: postgres}
                    replication: {username: replicator, password: replicator}
                  pg_hba:
                    - host replication replicator 127.0.0.1/32 trust
                    - host all all 127.0.0.1/32 trust
                  parameters:
                    unix_socket_directories: %6$s
                """.formatted(scope, name, etcd, postgresPort, restPort, folder, bin);
    }
}
