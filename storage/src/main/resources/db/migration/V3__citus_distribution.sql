-- On Citus (the citus extension installed in this database, which is then the coordinator) the three tables are
-- distributed by the user they belong to, in one colocation group, so that one user's rows of all three share a
-- shard group and every hot-path query is answered by one shard: users by id, messages by sender_id,
-- user_dialogs by owner_id. Each step is skipped when already done, so running this again changes nothing; on
-- plain PostgreSQL the tables stay ordinary tables.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'users'::regclass) THEN
        PERFORM create_distributed_table('users', 'id');
        -- rows that existed before are now in the shards; this frees the coordinator's copy
        PERFORM truncate_local_data_after_distributing_table('users');
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'messages'::regclass) THEN
        PERFORM create_distributed_table('messages', 'sender_id', colocate_with => 'users');
        PERFORM truncate_local_data_after_distributing_table('messages');
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'user_dialogs'::regclass) THEN
        PERFORM create_distributed_table('user_dialogs', 'owner_id', colocate_with => 'users');
        PERFORM truncate_local_data_after_distributing_table('user_dialogs');
    END IF;
END
$$;
