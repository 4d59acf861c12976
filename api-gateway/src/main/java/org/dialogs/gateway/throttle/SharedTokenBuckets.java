package org.dialogs.gateway.throttle;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The token buckets of flagged senders, one row per sender in the database every gateway shares, so a flagged
 * sender's limit holds for the whole system however many gateways it spreads its sends over. Time is each
 * gateway's clock, passed in (Citus allows no volatile function beside columns in a distributed upsert). Only
 * flagged senders' sends come here.
 */
@Repository
class SharedTokenBuckets implements SenderThrottle.SharedLimit {

    static final String TAKE = """
            INSERT INTO throttle_buckets AS b (sender_id, tokens, refilled_at)
            VALUES (:sender, :burst - 1, :now)
            ON CONFLICT (sender_id) DO UPDATE
               SET tokens = LEAST(:burst, b.tokens + GREATEST(0, extract(epoch FROM :now - b.refilled_at)) * :rate) - 1,
                   refilled_at = GREATEST(b.refilled_at, :now)
             WHERE LEAST(:burst, b.tokens + GREATEST(0, extract(epoch FROM :now - b.refilled_at)) * :rate) >= 1
            RETURNING tokens
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    SharedTokenBuckets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes a token from {@code sender}'s bucket (refilled at {@code perSecond}, holding {@code burst}); whether there was one. */
    @Override
    public boolean tryTake(long sender, double perSecond, int burst) {
        return jdbc.sql(TAKE).param("sender", sender).param("burst", (double) burst).param("rate", perSecond)
                .param("now", Timestamp.from(clock.instant()))
                .query(Double.class).optional().isPresent();
    }
}
