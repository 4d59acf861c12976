package org.dialogs.gateway.user;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Says whether a user id belongs to a user, asking the database only about ids it has not seen: users are never
 * deleted, so an id once found stays true. Holds at most {@value #MAX_REMEMBERED} ids.
 */
@Component
public class KnownUsers {

    static final int MAX_REMEMBERED = 100_000;

    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final UserRepository users;

    KnownUsers(UserRepository users) {
        this.users = users;
    }

    /** Whether a user with this id exists. */
    public boolean exists(long id) {
        if (known.contains(id)) {
            return true;
        }
        boolean exists = users.exists(id);
        if (exists) {
            remember(id);
        }
        return exists;
    }

    /** Notes a user just registered. */
    void registered(long id) {
        remember(id);
    }

    private void remember(long id) {
        if (known.size() >= MAX_REMEMBERED) {
            // any one: a forgotten id costs one lookup the next time it is seen
            Iterator<Long> any = known.iterator();
            if (any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        known.add(id);
    }
}
