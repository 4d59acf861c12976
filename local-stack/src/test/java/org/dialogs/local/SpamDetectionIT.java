package org.dialogs.local;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Normal traffic from many senders, one heavy sender just under the limit and one flooder, on the real pipeline
 * with plain PostgreSQL: the flooder is flagged within 2 s of crossing the limit, gets exactly one isolation job
 * (which ends as not_citus) and one decision, is throttled by the gateway, and a detector restart in the middle
 * raises nothing twice; nobody else is flagged. The default rule: more than 100 messages in 10 s.
 */
class SpamDetectionIT {

    private static RunningStack running;

    @BeforeAll
    static void start() {
        running = RunningStack.start();
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    @Test
    void flooderFlaggedOnceWithin2s_heavyAndNormalSendersNot_throttled_andARestartRaisesNothingTwice()
            throws Exception {
        FloodScenario scenario = new FloodScenario(running);

        FloodScenario.Outcome outcome = scenario.run();

        scenario.assertFlaggedOnceAndThrottled(outcome, "not_citus", Duration.ofSeconds(20));
    }
}
