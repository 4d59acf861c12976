-- State the gateways share, so that any number of them behave as one.
--
-- The idempotency keys of sends: the first send with a key reserves it for its message id before it is published,
-- so a retry through any gateway gets that id back, even before the writer has stored the message. The text is
-- kept as its SHA-256, enough to refuse the key for a different message (409).
CREATE TABLE IF NOT EXISTS send_keys (
    sender_id       bigint      NOT NULL,
    idempotency_key text        NOT NULL,
    message_id      uuid        NOT NULL,
    recipient_id    bigint      NOT NULL,
    text_sha256     bytea       NOT NULL,
    reserved_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sender_id, idempotency_key)
);

-- The token buckets of flagged senders (only theirs): a flagged sender's limit holds across all gateways.
CREATE TABLE IF NOT EXISTS throttle_buckets (
    sender_id   bigint           PRIMARY KEY,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL
);

-- On Citus both are distributed by sender beside the sender's other rows: each statement goes to one shard.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'send_keys'::regclass) THEN
        PERFORM create_distributed_table('send_keys', 'sender_id', colocate_with => 'users');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'throttle_buckets'::regclass) THEN
        PERFORM create_distributed_table('throttle_buckets', 'sender_id', colocate_with => 'users');
    END IF;
END
$$;
