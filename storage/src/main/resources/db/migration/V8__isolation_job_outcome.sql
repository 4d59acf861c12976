-- How a finished isolation job went, for the ops dashboard: the shard operation's own account (where the tenant
-- went and how), and whether writes to the tenant's shard group waited while it was copied (block_writes: a
-- cluster with a single worker, or so configured). Null for jobs finished before this column existed.
ALTER TABLE isolation_jobs ADD COLUMN IF NOT EXISTS outcome text;
ALTER TABLE isolation_jobs ADD COLUMN IF NOT EXISTS writes_blocked boolean;
