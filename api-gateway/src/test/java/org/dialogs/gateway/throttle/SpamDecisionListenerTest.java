package org.dialogs.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.schemas.SpamAction;
import org.junit.jupiter.api.Test;

class SpamDecisionListenerTest {

    private static final long SENDER = 42;
    private static final int BURST = 2;

    private final SenderThrottle throttle =
            Throttles.throttle(6, BURST, new MutableClock(Instant.parse("2026-11-24T12:00:00Z")));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SpamDecisionListener listener =
            new SpamDecisionListener(throttle, new ThrottleMetrics(registry, throttle));

    @Test
    void onDecision_flagged_limitsTheSenderToTheBurst() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));

        assertLimited();
    }

    @Test
    void onDecision_lifted_removesTheLimit() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));
        listener.onDecision(Throttles.decision(SENDER, SpamAction.LIFTED));

        assertUnlimited();
    }

    @Test
    void onDecision_flaggedAgainAfterALift_limitsAgainWithAFreshBurst() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));
        sendBurst();
        listener.onDecision(Throttles.decision(SENDER, SpamAction.LIFTED));
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));

        assertLimited();
    }

    @Test
    void onDecision_flaggedTwice_givesNoNewBurst() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));
        sendBurst();
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));

        assertThatThrownBy(() -> throttle.acquire(SENDER)).isInstanceOf(ApiException.class);
    }

    @Test
    void onDecision_liftedWithoutAFlag_changesNothing() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.LIFTED));

        assertUnlimited();
    }

    @Test
    void onDecision_tombstone_liftsTheSender() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));
        listener.onDecision(Throttles.tombstone(SENDER));

        assertUnlimited();
    }

    @Test
    void onDecision_flaggedForAnotherSender_leavesThisOneAlone() {
        listener.onDecision(Throttles.decision(SENDER + 1, SpamAction.FLAGGED));

        assertUnlimited();
    }

    @Test
    void onDecision_each_isCountedByOutcome_andTheGaugeShowsWhoIsThrottledNow() {
        listener.onDecision(Throttles.decision(SENDER, SpamAction.FLAGGED));
        listener.onDecision(Throttles.decision(SENDER + 1, SpamAction.FLAGGED));
        listener.onDecision(Throttles.decision(SENDER, SpamAction.LIFTED));
        listener.onDecision(Throttles.tombstone(SENDER + 2));

        assertThat(registry.get("dialogs.gateway.throttled.senders").gauge().value()).isEqualTo(1);
        assertThat(decisions("flagged")).isEqualTo(2);
        assertThat(decisions("lifted")).isEqualTo(2);
        assertThat(decisions("skipped")).isZero();
    }

    private double decisions(String outcome) {
        return registry.get("dialogs.gateway.spam.decisions").tag("outcome", outcome).counter().count();
    }

    private void sendBurst() {
        for (int i = 0; i < BURST; i++) {
            throttle.acquire(SENDER);
        }
    }

    private void assertLimited() {
        assertThatNoException().as("the burst").isThrownBy(this::sendBurst);
        assertThatThrownBy(() -> throttle.acquire(SENDER)).isInstanceOf(ApiException.class)
                .hasMessageContaining("sending too fast");
    }

    private void assertUnlimited() {
        assertThatNoException().isThrownBy(() -> {
            for (int i = 0; i < 10 * BURST; i++) {
                throttle.acquire(SENDER);
            }
        });
    }
}
