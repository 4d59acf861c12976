package org.dialogs.spam.http;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.decide.FlagStore;
import org.dialogs.spam.decide.FloodDetector;
import org.dialogs.spam.decide.SpamDecisions;
import org.dialogs.spam.isolate.IsolationJobs;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.TenantPlacement;
import org.dialogs.storage.citus.TenantShard;
import org.dialogs.storage.citus.WorkerNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tenants as JSON for operators: heavy senders now, flags with their jobs and shards; lift, isolate, move. */
@RestController
class OpsTenantsController {

    /** A watched sender and how close it is to each limit (1.0 = at the limit). */
    record HeavySender(long senderId, String name, long messages, int recipients, double messagesOfLimit,
            double recipientsOfLimit, String newest) {
    }

    /** A flag, the sender's name, its latest isolation job, and where its shard is (on Citus). */
    record FlagView(FlagStore.Flag flag, String name, IsolationJobs.Job job, TenantPlacement placement) {
    }

    private final FloodDetector detector;
    private final FlagStore flags;
    private final IsolationJobs jobs;
    private final SpamDecisions decisions;
    private final ShardOperations shards;
    private final UserNames names;
    private final SpamDetectorProperties properties;
    private final Clock clock;

    OpsTenantsController(FloodDetector detector, FlagStore flags, IsolationJobs jobs, SpamDecisions decisions,
            ShardOperations shards, UserNames names, SpamDetectorProperties properties, Clock clock) {
        this.detector = detector;
        this.flags = flags;
        this.jobs = jobs;
        this.decisions = decisions;
        this.shards = shards;
        this.names = names;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/ops/api/heavy-senders")
    List<HeavySender> heavySenders(@RequestParam(value = "limit", defaultValue = "20") int limit) {
        var heaviest = detector.heaviest(Math.max(1, Math.min(limit, 1000)));
        Map<Long, String> named = names.of(heaviest.stream().map(c -> c.senderId()).toList());
        return heaviest.stream()
                .map(c -> new HeavySender(c.senderId(), named.get(c.senderId()), c.messages(), c.recipients(),
                        (double) c.messages() / properties.rules().maxMessages(),
                        (double) c.recipients() / properties.rules().maxRecipients(), c.newest().toString()))
                .toList();
    }

    @GetMapping("/ops/api/flags")
    List<FlagView> flags(@RequestParam(value = "limit", defaultValue = "50") int limit) {
        List<FlagStore.Flag> newest = flags.newest(Math.max(1, Math.min(limit, 200)));
        Map<Long, String> named = names.of(newest.stream().map(FlagStore.Flag::senderId).toList());
        boolean citus = shards.isCitusCluster();
        return newest.stream().map(f -> new FlagView(f, named.get(f.senderId()),
                jobs.newest(f.senderId(), 1).stream().findFirst().orElse(null),
                citus ? shards.placementOf(f.senderId()) : null)).toList();
    }

    @PostMapping("/ops/api/senders/{id}/lift")
    ResponseEntity<?> lift(@PathVariable("id") long sender) {
        return decisions.lift(sender, "operator " + properties.operator().user())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("message", "sender " + sender + " has no active flag to lift")));
    }

    /** Requests an isolation job for the sender now, flagged or not; the runner carries it out. */
    @PostMapping("/ops/api/senders/{id}/isolate")
    ResponseEntity<?> isolate(@PathVariable("id") long sender) {
        if (!shards.isCitusCluster()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message",
                    "cannot isolate tenant " + sender + ": the database is not a Citus cluster"));
        }
        jobs.request(sender, clock.instant());
        return ResponseEntity.ok(jobs.newest(sender, 1).get(0));
    }

    @PostMapping("/ops/api/senders/{id}/move")
    TenantShard move(@PathVariable("id") long sender, @RequestParam("worker") String worker) {
        return shards.moveTenant(sender, WorkerNode.parse(worker));
    }
}
