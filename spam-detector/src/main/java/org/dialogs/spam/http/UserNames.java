package org.dialogs.spam.http;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The names of users, for the ops pages. */
@Repository
class UserNames {

    private final JdbcClient jdbc;

    UserNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, String> of(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, first_name || ' ' || second_name AS name FROM users WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, row) -> names.put(rs.getLong("id"), rs.getString("name")))
                .list();
        return names;
    }
}
