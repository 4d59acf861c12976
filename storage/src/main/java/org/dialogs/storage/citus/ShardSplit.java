package org.dialogs.storage.citus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How to cut one tenant's hash value out of a shard's hash range, as {@code isolate_tenant_to_new_shard} does: the
 * split points that leave {@code hash} a shard of its own (none below it when it is the range's lowest value, none
 * above when it is the highest).
 */
record ShardSplit(long shardId, int min, int max, int hash) {

    ShardSplit {
        if (hash < min || hash > max) {
            throw new IllegalArgumentException("hash " + hash + " is outside shard " + shardId + "'s range [" + min
                    + ", " + max + "]");
        }
        if (min == max) {
            throw new IllegalArgumentException("shard " + shardId + " holds the single hash " + hash
                    + " already: nothing to split");
        }
    }

    /** The split points: each is the last hash value of the piece before it. */
    List<Integer> points() {
        if (hash == min) {
            return List.of(hash);
        }
        if (hash == max) {
            return List.of(hash - 1);
        }
        return List.of(hash - 1, hash);
    }

    /** The split points separated by commas, for {@code citus_split_shard_by_split_points}'s text array. */
    String pointsAsText() {
        return points().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** How many shards the split makes: one more than the points. */
    int pieces() {
        return points().size() + 1;
    }
}
