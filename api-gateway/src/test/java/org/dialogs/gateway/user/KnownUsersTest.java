package org.dialogs.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KnownUsersTest {

    /** The users table as a set of ids, counting the lookups that reach it. */
    private static final class UsersTable extends UserRepository {

        private final Set<Long> ids;
        private final List<Long> lookups = new ArrayList<>();

        UsersTable(Set<Long> ids) {
            super(null);
            this.ids = ids;
        }

        @Override
        boolean exists(long id) {
            lookups.add(id);
            return ids.contains(id);
        }
    }

    @Test
    void exists_userSeenBefore_doesNotAskTheDatabaseAgain() {
        UsersTable table = new UsersTable(Set.of(7L));
        KnownUsers known = new KnownUsers(table);

        assertThat(known.exists(7)).isTrue();
        assertThat(known.exists(7)).isTrue();

        assertThat(table.lookups).containsExactly(7L);
    }

    @Test
    void exists_unknownId_isFalse_andAskedAgainNextTime() {
        UsersTable table = new UsersTable(Set.of(7L));
        KnownUsers known = new KnownUsers(table);

        assertThat(known.exists(8)).isFalse();
        assertThat(known.exists(8)).isFalse();

        // a user registered meanwhile (on another gateway instance) is found on the next request
        assertThat(table.lookups).containsExactly(8L, 8L);
    }

    @Test
    void exists_userRegisteredHere_needsNoLookup() {
        UsersTable table = new UsersTable(Set.of(9L));
        KnownUsers known = new KnownUsers(table);

        known.registered(9);

        assertThat(known.exists(9)).isTrue();
        assertThat(table.lookups).isEmpty();
    }

    @Test
    void registered_beyondTheCap_forgetsOneAndStaysBounded() {
        UsersTable table = new UsersTable(Set.of());
        KnownUsers known = new KnownUsers(table);

        for (long id = 1; id <= KnownUsers.MAX_REMEMBERED + 10; id++) {
            known.registered(id);
        }

        long remembered = 0;
        for (long id = 1; id <= KnownUsers.MAX_REMEMBERED + 10; id++) {
            remembered += known.exists(id) ? 1 : 0;
        }
        assertThat(remembered).isEqualTo(KnownUsers.MAX_REMEMBERED);
    }
}
