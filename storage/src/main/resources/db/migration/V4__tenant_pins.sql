-- Tenants whose shard group an operator moved to a chosen worker and wants kept there (ShardOperations.moveTenant).
-- A worker named here is dedicated: the rebalancer keeps each pinned shard group on its worker and puts no other
-- shard there.
CREATE TABLE IF NOT EXISTS tenant_pins (
    tenant_id bigint      PRIMARY KEY,
    node_name text        NOT NULL,
    node_port integer     NOT NULL,
    pinned_at timestamptz NOT NULL
);

-- On Citus: the pins become a reference table (a copy on every node), and a rebalance strategy enforces them
-- through its shard_allowed_on_node_function. Its name carries the schema, as strategies are per database and
-- each schema has its own pins. Each step is skipped when already done.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'tenant_pins'::regclass) THEN
        PERFORM create_reference_table('tenant_pins');
    END IF;

    -- Called by the rebalancer for the shards of every distributed table in the database. A shard of the
    -- messages colocation group that holds a pinned tenant is allowed only on that tenant's worker; any other
    -- shard is allowed anywhere but on a worker some tenant is pinned to.
    CREATE OR REPLACE FUNCTION tenant_shard_allowed_on_node(shard_id bigint, node_id integer) RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path FROM CURRENT
    AS $fn$
        WITH node AS (
                 SELECT nodename, nodeport FROM pg_dist_node WHERE nodeid = node_id),
             shard_pins AS (
                 SELECT p.node_name, p.node_port
                   FROM tenant_pins p
                   JOIN pg_dist_shard s ON s.shardid = shard_id
                   JOIN pg_dist_partition t ON t.logicalrelid = s.logicalrelid
                  WHERE t.colocationid = (SELECT colocationid FROM pg_dist_partition
                                           WHERE logicalrelid = 'messages'::regclass)
                    AND get_shard_id_for_distribution_column(s.logicalrelid, p.tenant_id) = shard_id)
        SELECT CASE WHEN EXISTS (SELECT 1 FROM shard_pins)
                    THEN EXISTS (SELECT 1 FROM shard_pins p JOIN node n
                                     ON n.nodename = p.node_name AND n.nodeport = p.node_port)
                    ELSE NOT EXISTS (SELECT 1 FROM tenant_pins p JOIN node n
                                         ON n.nodename = p.node_name AND n.nodeport = p.node_port)
               END
    $fn$;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_rebalance_strategy
                    WHERE shard_allowed_on_node_function = 'tenant_shard_allowed_on_node'::regproc) THEN
        -- costs and thresholds of Citus's default strategy, by_disk_size
        PERFORM citus_add_rebalance_strategy(
            name                           => 'dialogs_pinned_' || current_schema(),
            shard_cost_function            => 'citus_shard_cost_by_disk_size',
            node_capacity_function         => 'citus_node_capacity_1',
            shard_allowed_on_node_function => 'tenant_shard_allowed_on_node',
            default_threshold              => 0.1,
            minimum_threshold              => 0.01,
            improvement_threshold          => 0.5);
    END IF;
END
$$;
