package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardSplitTest {

    @Test
    void points_hashInsideTheRange_cutJustBelowAndAtIt() {
        ShardSplit split = new ShardSplit(7, -1_073_741_824, -1, -978_793_473);

        assertThat(split.points()).containsExactly(-978_793_474, -978_793_473);
        assertThat(split.pointsAsText()).isEqualTo("-978793474,-978793473");
        assertThat(split.pieces()).isEqualTo(3);
    }

    @Test
    void points_hashIsTheLowestValue_cutOnlyAtIt() {
        ShardSplit split = new ShardSplit(7, 0, 1_073_741_823, 0);

        assertThat(split.points()).containsExactly(0);
        assertThat(split.pieces()).isEqualTo(2);
    }

    @Test
    void points_hashIsTheHighestValue_cutOnlyBelowIt() {
        ShardSplit split = new ShardSplit(7, 1_073_741_824, Integer.MAX_VALUE, Integer.MAX_VALUE);

        assertThat(split.points()).containsExactly(Integer.MAX_VALUE - 1);
    }

    @Test
    void create_hashOutsideTheRangeOrSingleHashShard_isRefused() {
        assertThatThrownBy(() -> new ShardSplit(7, 0, 10, 11)).hasMessageContaining("outside shard 7");
        assertThatThrownBy(() -> new ShardSplit(7, 5, 5, 5)).hasMessageContaining("nothing to split");
    }
}
