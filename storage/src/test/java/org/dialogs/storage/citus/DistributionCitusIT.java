package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migrations on a real Citus cluster: the tables distributed by user and colocated, idempotently. */
class DistributionCitusIT {

    @RegisterExtension
    static final CitusSchemaExtension citus = new CitusSchemaExtension();

    @Test
    void migrations_onCitus_distributeEachTableByItsUserInOneColocationGroup() {
        List<Map<String, Object>> tables = citus.schema().jdbc.sql("""
                        SELECT p.logicalrelid::text AS table_name, p.partmethod::text AS method,
                               column_to_column_name(p.logicalrelid, p.partkey) AS distribution_column,
                               p.colocationid, t.citus_table_type
                          FROM pg_dist_partition p
                          JOIN public.citus_tables t ON t.table_name = p.logicalrelid
                         WHERE p.logicalrelid IN ('users'::regclass, 'messages'::regclass, 'user_dialogs'::regclass,
                                                  'send_keys'::regclass, 'throttle_buckets'::regclass,
                                                  'staged_by_sender'::regclass, 'staged_by_recipient'::regclass)
                        """)
                .query()
                .listOfRows();

        assertThat(tables).extracting(t -> t.get("table_name"), t -> t.get("distribution_column"),
                        t -> t.get("method"), t -> t.get("citus_table_type"))
                .containsExactlyInAnyOrder(tuple("users", "id", "h", "distributed"),
                        tuple("messages", "sender_id", "h", "distributed"),
                        tuple("user_dialogs", "owner_id", "h", "distributed"),
                        tuple("send_keys", "sender_id", "h", "distributed"),
                        tuple("throttle_buckets", "sender_id", "h", "distributed"),
                        tuple("staged_by_sender", "sender_id", "h", "distributed"),
                        tuple("staged_by_recipient", "recipient_id", "h", "distributed"));
        assertThat(tables).extracting(t -> t.get("colocationid")).containsOnly(tables.get(0).get("colocationid"));
    }

    @Test
    void migrations_onCitus_makeTheSmallTablesReferenceTables() {
        for (String table : List.of("tenant_pins", "sender_flags", "isolation_jobs")) {
            assertThat(citus.schema().jdbc.sql("SELECT citus_table_type FROM public.citus_tables WHERE table_name = "
                            + "'" + table + "'::regclass")
                    .query(String.class)
                    .single()).as(table).isEqualTo("reference");
        }
    }

    @Test
    void distributionMigrations_runAgain_changeNothing() throws IOException {
        List<Map<String, Object>> before = distribution();

        citus.schema().jdbc.sql(migration("V3__citus_distribution.sql")).update();
        citus.schema().jdbc.sql(migration("V4__tenant_pins.sql")).update();
        citus.schema().jdbc.sql(migration("V5__spam_flags_and_isolation_jobs.sql")).update();
        citus.schema().jdbc.sql(migration("V6__send_keys_and_throttle_buckets.sql")).update();
        citus.schema().jdbc.sql(migration("V7__writer_staging.sql")).update();

        assertThat(distribution()).isEqualTo(before);
    }

    @Test
    void registeringUsers_throughTheCoordinator_takesDistinctIdsFromTheSequence() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(citus.schema().jdbc.sql("""
                            INSERT INTO users (first_name, second_name, first_name_key, second_name_key,
                                               birthdate, biography, city, password_hash)
                            VALUES (:firstName, :secondName, :firstNameKey, :secondNameKey,
                                    :birthdate, :biography, :city, :passwordHash)
                            RETURNING id
                            """)
                    .param("firstName", "Anna").param("secondName", "Petrova")
                    .param("firstNameKey", "anna").param("secondNameKey", "petrova")
                    .param("birthdate", null).param("biography", null).param("city", "Moscow")
                    .param("passwordHash", "hash")
                    .query(Long.class)
                    .single());
        }

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        assertThat(citus.schema().jdbc.sql("SELECT count(*) FROM users WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .single()).isEqualTo(5);
    }

    /** What the migrations decide on Citus: every table's distribution, its shards and the rebalance strategies. */
    private static List<Map<String, Object>> distribution() {
        return citus.schema().jdbc.sql("""
                        SELECT p.logicalrelid::text AS table_name, p.partmethod::text, p.colocationid,
                               p.repmodel::text, (SELECT array_agg(s.shardid ORDER BY s.shardid)::text
                                                    FROM pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid) AS shards,
                               (SELECT count(*) FROM pg_dist_rebalance_strategy) AS strategies
                          FROM pg_dist_partition p
                         WHERE p.logicalrelid::regclass::text IN ('users', 'messages', 'user_dialogs', 'tenant_pins',
                                                                'sender_flags', 'isolation_jobs', 'send_keys',
                                                                'throttle_buckets', 'staged_by_sender',
                                                                'staged_by_recipient')
                         ORDER BY 1
                        """)
                .query()
                .listOfRows();
    }

    private static String migration(String file) throws IOException {
        try (InputStream in = DistributionCitusIT.class.getResourceAsStream("/db/migration/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
