package org.dialogs.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WriterLatencyTest {

    private static String exposition(int upTo10ms, int upTo100ms, int upTo1s, int all) {
        return """
                # TYPE dialogs_writer_accept_to_stored_seconds histogram
                dialogs_writer_accept_to_stored_seconds_bucket{le="0.01"} %d
                dialogs_writer_accept_to_stored_seconds_bucket{le="0.1"} %d
                dialogs_writer_accept_to_stored_seconds_bucket{le="1.0"} %d
                dialogs_writer_accept_to_stored_seconds_bucket{le="+Inf"} %d
                dialogs_writer_accept_to_stored_seconds_count %d
                dialogs_writer_transaction_seconds_bucket{le="0.1"} 999
                """.formatted(upTo10ms, upTo100ms, upTo1s, all, all);
    }

    @Test
    void since_anEarlierReading_givesTheQuantilesOfWhatHappenedBetween() {
        WriterLatency before = WriterLatency.parse(exposition(1000, 1000, 1000, 1000));
        WriterLatency after = WriterLatency.parse(exposition(1040, 1090, 1100, 1100));

        WriterLatency run = after.since(before);

        assertEquals(100, run.count());
        // rank 50 lies 10 of the 50 observations into (10 ms, 100 ms]
        assertEquals(10 + 90.0 * 10 / 50, run.quantileMillis(0.5), 1e-9);
        // rank 99 lies 9 of the 10 observations into (100 ms, 1 s]
        assertEquals(100 + 900.0 * 9 / 10, run.quantileMillis(0.99), 1e-9);
    }

    @Test
    void quantile_nothingObserved_isNaN() {
        WriterLatency run = WriterLatency.parse(exposition(5, 5, 5, 5)).since(WriterLatency.parse(exposition(5, 5, 5, 5)));

        assertEquals(0, run.count());
        assertEquals(Double.NaN, run.quantileMillis(0.5));
    }

    @Test
    void settings_rateTooHighForTheUsers_areRefusedBeforeTheyTripTheSpamRule() {
        System.setProperty("dialogs.rate", "5000");
        System.setProperty("dialogs.users", "100");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LoadSettings::fromSystemProperties);
            assertEquals("450.0 messages per user in 10 s would trip the spam rule (100): raise dialogs.users above 900",
                    e.getMessage());
        } finally {
            System.clearProperty("dialogs.rate");
            System.clearProperty("dialogs.users");
        }
    }
}
