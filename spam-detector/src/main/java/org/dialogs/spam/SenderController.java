package org.dialogs.spam;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The busiest senders, as JSON. */
@RestController
class SenderController {

    private final SenderCounts counts;

    SenderController(SenderCounts counts) {
        this.counts = counts;
    }

    @GetMapping("/senders/top")
    List<SenderCounts.SenderCount> top(@RequestParam(value = "limit", defaultValue = "10") int limit) {
        return counts.top(Math.max(1, Math.min(limit, 1000)));
    }
}
