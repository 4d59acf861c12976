package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.dialogs.storage.citus.IsolationTarget.Candidate;
import org.junit.jupiter.api.Test;

class IsolationTargetTest {

    private static final Candidate BUSY = new Candidate(2, new WorkerNode("w2", 5432), 40, false);
    private static final Candidate QUIET = new Candidate(3, new WorkerNode("w3", 5432), 10, false);
    private static final Candidate DEDICATED = new Candidate(4, new WorkerNode("w4", 5432), 3, true);

    @Test
    void chooseAmong_nothingAskedFor_takesTheLeastLoadedWorkerNoOtherTenantIsPinnedTo() {
        var choice = IsolationTarget.chooseAmong(List.of(BUSY, DEDICATED, QUIET), Optional.empty(), Optional.empty());

        assertThat(choice).get().satisfies(c -> {
            assertThat(c.worker()).isEqualTo(QUIET);
            assertThat(c.reason()).contains("least loaded");
        });
    }

    @Test
    void chooseAmong_aWorkerAskedFor_takesIt() {
        var choice = IsolationTarget.chooseAmong(List.of(BUSY, DEDICATED, QUIET), Optional.of(DEDICATED.node()),
                Optional.of(BUSY.node()));

        assertThat(choice).get().extracting(IsolationTarget.Choice::worker).isEqualTo(DEDICATED);
    }

    @Test
    void chooseAmong_askedForTheTenantsOwnWorker_takesTheWorkerItIsPinnedToElseTheLeastLoaded() {
        WorkerNode source = new WorkerNode("w1", 5432);

        assertThat(IsolationTarget.chooseAmong(List.of(BUSY, QUIET), Optional.of(source), Optional.of(BUSY.node())))
                .get().extracting(IsolationTarget.Choice::worker).isEqualTo(BUSY);
        assertThat(IsolationTarget.chooseAmong(List.of(BUSY, QUIET), Optional.of(source), Optional.empty()))
                .get().extracting(IsolationTarget.Choice::worker).isEqualTo(QUIET);
    }

    @Test
    void chooseAmong_onlyDedicatedWorkersLeft_takesOneRatherThanBlockWrites() {
        var choice = IsolationTarget.chooseAmong(List.of(DEDICATED), Optional.empty(), Optional.empty());

        assertThat(choice).get().satisfies(c -> assertThat(c.reason()).contains("dedicated to another tenant"));
    }

    @Test
    void chooseAmong_noOtherWorker_choosesNone() {
        assertThat(IsolationTarget.chooseAmong(List.of(), Optional.empty(), Optional.empty())).isEmpty();
    }
}
