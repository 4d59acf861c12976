package org.dialogs.spam.isolate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.dialogs.spam.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** An isolation job's way from requested to done, as stored and as the ops API shows it. */
class IsolationJobsIT {

    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");

    private static TestDatabase database;
    private static IsolationJobs jobs;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        jobs = new IsolationJobs(database.jdbc());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
    }

    @Test
    void done_keepsHowTheIsolationWentAndWhetherWritesWaited_forTheOpsApi() {
        jobs.request(7, NOW);
        long id = jobs.nextDue(NOW).orElseThrow().id();
        assertThat(jobs.claim(id, NOW)).isTrue();

        jobs.done(id, 102_008, "localhost:9701", "tenant 7 isolated ... in place, block_writes: single worker", true,
                NOW.plusSeconds(3));

        IsolationJobs.Job job = jobs.newest(7L, 1).get(0);
        assertThat(job.state()).isEqualTo(IsolationJobs.State.DONE);
        assertThat(job.shardId()).isEqualTo(102_008);
        assertThat(job.outcome()).contains("single worker");
        assertThat(job.writesBlocked()).isTrue();
        String json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
                .writeValueAsString(job);
        assertThat(json).contains("\"writes_blocked\":true", "\"outcome\":\"tenant 7 isolated");
    }

    @Test
    void newest_aJobNotDoneYet_hasNoOutcome() {
        jobs.request(8, NOW);

        IsolationJobs.Job job = jobs.newest(8L, 1).get(0);

        assertThat(job.outcome()).isNull();
        assertThat(job.writesBlocked()).isNull();
    }
}
