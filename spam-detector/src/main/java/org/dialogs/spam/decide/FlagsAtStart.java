package org.dialogs.spam.decide;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Tells the detector, before its consumer starts, which senders are flagged already, so it does not watch them.
 * Not being able to (the database is down) only costs lookups: the flags' unique index keeps decisions single.
 */
@Component
class FlagsAtStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FlagsAtStart.class);

    private final FlagStore flags;
    private final FloodDetector detector;

    FlagsAtStart(FlagStore flags, FloodDetector detector) {
        this.flags = flags;
        this.detector = detector;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            var flagged = flags.activelyFlagged();
            flagged.forEach(detector::markFlagged);
            log.info("{} senders already flagged", flagged.size());
        } catch (DataAccessException e) {
            log.warn("could not load the flagged senders at start: {}", e.toString());
        }
    }
}
