package org.dialogs.writer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which user ids are registered. Users are never deleted, so an id once found stays known: the ids are kept, up to
 * a bound, and only ids not seen before cost a query.
 */
@Repository
class RegisteredUsers {

    private static final String SELECT_REGISTERED = "SELECT id FROM users WHERE id = ANY(?::bigint[])";

    private final JdbcClient jdbc;
    private final int maxKnown;
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    RegisteredUsers(JdbcClient jdbc, MessageWriterProperties properties) {
        this.jdbc = jdbc;
        this.maxKnown = properties.knownUsers();
    }

    /** The ids of {@code ids} that are not registered users. */
    Set<Long> unknownAmong(Collection<Long> ids) {
        Set<Long> unseen = new HashSet<>();
        for (Long id : ids) {
            if (!known.contains(id)) {
                unseen.add(id);
            }
        }
        if (unseen.isEmpty()) {
            return unseen;
        }
        var registered = jdbc.sql(SELECT_REGISTERED).param(unseen.toArray(Long[]::new))
                .query(Long.class).list();
        if (known.size() + registered.size() > maxKnown) {
            known.clear();
        }
        known.addAll(registered);
        registered.forEach(unseen::remove);
        return unseen;
    }
}
