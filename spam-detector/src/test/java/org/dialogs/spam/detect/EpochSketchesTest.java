package org.dialogs.spam.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochSketchesTest {

    @Test
    void estimate_countsPerEpoch_exactWithoutCollisions() {
        EpochSketches sketches = new EpochSketches(3, 1 << 12);
        for (int i = 0; i < 5; i++) {
            sketches.add(42, 100);
        }
        sketches.add(42, 101);

        assertThat(sketches.estimate(42, 100)).isEqualTo(5);
        assertThat(sketches.estimate(42, 101)).isEqualTo(1);
        assertThat(sketches.estimate(43, 100)).isZero();
    }

    @Test
    void add_anEpochOlderThanTheRing_isDropped() {
        EpochSketches sketches = new EpochSketches(3, 1 << 12);
        sketches.add(1, 200);

        assertThat(sketches.add(1, 197)).isFalse();
        assertThat(sketches.estimate(1, 200)).isEqualTo(1);
    }

    @Test
    void add_anEpochThatReusesASlot_startsItFromZero() {
        EpochSketches sketches = new EpochSketches(3, 1 << 12);
        sketches.add(1, 100);
        sketches.add(1, 103);

        assertThat(sketches.estimate(1, 103)).isEqualTo(1);
        assertThat(sketches.estimate(1, 100)).isZero();
    }

    @Test
    void estimate_underHeavyLoad_neverUndercounts() {
        EpochSketches sketches = new EpochSketches(2, 1 << 10);
        for (long sender = 0; sender < 100_000; sender++) {
            sketches.add(sender, 5);
        }
        for (int i = 0; i < 7; i++) {
            sketches.add(123_456_789L, 5);
        }

        assertThat(sketches.estimate(123_456_789L, 5)).isGreaterThanOrEqualTo(7);
    }
}
