-- The spam-detector's decisions. A sender has at most one active flag (not lifted) and at most one unfinished
-- isolation job; lifted flags and finished jobs stay as history.
CREATE TABLE IF NOT EXISTS sender_flags (
    id             bigserial   PRIMARY KEY,
    sender_id      bigint      NOT NULL,
    rule           text        NOT NULL,
    observed       bigint      NOT NULL,
    window_seconds integer     NOT NULL,
    crossed_at     timestamptz NOT NULL,   -- event time of the message that broke the rule
    flagged_at     timestamptz NOT NULL,   -- when the detector recorded it
    lifted_at      timestamptz,
    lifted_by      text,
    -- whether the FLAGGED / LIFTED decision is on the decision topic yet (a relay retries those that are not)
    flag_announced boolean     NOT NULL DEFAULT false,
    lift_announced boolean     NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX IF NOT EXISTS sender_flags_one_active ON sender_flags (sender_id) WHERE lifted_at IS NULL;

-- Isolation of a flagged sender onto a shard of its own, carried out one at a time by the shard operations.
-- state: requested -> running -> done | failed | not_citus (requested again after a transient error).
CREATE TABLE IF NOT EXISTS isolation_jobs (
    id              bigserial   PRIMARY KEY,
    sender_id       bigint      NOT NULL,
    state           text        NOT NULL CHECK (state IN ('requested', 'running', 'done', 'failed', 'not_citus')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    shard_id        bigint,
    node            text,
    requested_at    timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);

CREATE UNIQUE INDEX IF NOT EXISTS isolation_jobs_one_open ON isolation_jobs (sender_id) WHERE state IN ('requested', 'running');
CREATE INDEX IF NOT EXISTS isolation_jobs_due ON isolation_jobs (next_attempt_at) WHERE state = 'requested';

-- On Citus both are small reference tables (a copy on every node), so any query on them is local.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'sender_flags'::regclass) THEN
        PERFORM create_reference_table('sender_flags');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'isolation_jobs'::regclass) THEN
        PERFORM create_reference_table('isolation_jobs');
    END IF;
END
$$;
