package org.dialogs.spam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {

    static final String EXPOSITION = """
            # HELP dialogs_writer_accept_to_stored_seconds a new message's sent_at to its commit
            # TYPE dialogs_writer_accept_to_stored_seconds histogram
            dialogs_writer_accept_to_stored_seconds_bucket{le="0.001"} 0
            dialogs_writer_accept_to_stored_seconds_bucket{le="0.01"} 40
            dialogs_writer_accept_to_stored_seconds_bucket{le="0.1"} 90
            dialogs_writer_accept_to_stored_seconds_bucket{le="1.0"} 100
            dialogs_writer_accept_to_stored_seconds_bucket{le="+Inf"} 100
            dialogs_writer_accept_to_stored_seconds_count 100
            dialogs_writer_accept_to_stored_seconds_sum 3.2
            dialogs_writer_transaction_seconds_bucket{le="0.01"} 7
            """;

    @Test
    void quantile_interpolatesWithinTheBucketTheRankFallsIn() {
        PrometheusHistogram histogram = PrometheusHistogram.parse(EXPOSITION, OpsWriterLatencyController.HISTOGRAM);

        assertThat(histogram.count()).isEqualTo(100);
        // rank 50: the bucket (0.01, 0.1] holds ranks 41..90, so 10 of its 50 in
        assertThat(histogram.quantile(0.5)).isCloseTo(0.01 + 0.09 * 10 / 50, within(1e-12));
        // rank 99: the bucket (0.1, 1.0] holds ranks 91..100, so 9 of its 10 in
        assertThat(histogram.quantile(0.99)).isCloseTo(0.1 + 0.9 * 9 / 10, within(1e-12));
    }

    @Test
    void parse_seriesWithOtherLabels_areAddedTogether() {
        String twoSeries = """
                h_seconds_bucket{partition="0",le="0.5"} 1
                h_seconds_bucket{partition="0",le="+Inf"} 1
                h_seconds_bucket{partition="1",le="0.5"} 0
                h_seconds_bucket{partition="1",le="+Inf"} 3
                """;

        PrometheusHistogram histogram = PrometheusHistogram.parse(twoSeries, "h_seconds");

        assertThat(histogram.count()).isEqualTo(4);
        assertThat(histogram.quantile(0.99)).as("in +Inf: the highest finite bound").isEqualTo(0.5);
    }

    @Test
    void parse_absentHistogram_isEmpty() {
        PrometheusHistogram histogram = PrometheusHistogram.parse(EXPOSITION, "dialogs_writer_batch_size_records");

        assertThat(histogram.count()).isZero();
        assertThat(histogram.quantile(0.5)).isNaN();
    }
}
