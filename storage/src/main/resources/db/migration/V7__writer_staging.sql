-- Where the writer puts one poll's messages on Citus before storing them with statements the workers run
-- (docs/benchmarks.md, "The writer on Citus"): COPY into these tables, then INSERT ... SELECT from them, which
-- Citus pushes down to each shard because source and target are distributed by the same user and colocated, then
-- DELETE. Rows live only inside the writer's transaction: no other session ever sees one.
--
-- The same poll goes in twice: by sender (for messages and the sender's dialog rows) and by recipient (for the
-- recipient's dialog rows, whose owner is the recipient), so that no statement has to move rows between shards.
-- The primary keys give the logical replication of shard splits and moves the replica identity that a DELETE needs.
CREATE TABLE IF NOT EXISTS staged_by_sender (
    sender_id       bigint      NOT NULL,
    id              uuid        NOT NULL,
    recipient_id    bigint      NOT NULL,
    text            text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    idempotency_key text,
    PRIMARY KEY (sender_id, id)
);

CREATE TABLE IF NOT EXISTS staged_by_recipient (
    recipient_id    bigint      NOT NULL,
    id              uuid        NOT NULL,
    sender_id       bigint      NOT NULL,
    text            text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (recipient_id, id)
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'staged_by_sender'::regclass) THEN
        PERFORM create_distributed_table('staged_by_sender', 'sender_id', colocate_with => 'users');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'staged_by_recipient'::regclass) THEN
        PERFORM create_distributed_table('staged_by_recipient', 'recipient_id', colocate_with => 'users');
    END IF;
END
$$;
