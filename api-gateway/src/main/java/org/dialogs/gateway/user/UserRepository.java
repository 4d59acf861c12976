package org.dialogs.gateway.user;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and their password hashes. Every lookup but the name search is by id: one shard on Citus. */
@Repository
class UserRepository {

    static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)";
    private static final String PROFILE_COLUMNS = "id, first_name, second_name, birthdate, biography, city";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(RegisterRequest user, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO users (first_name, second_name, first_name_key, second_name_key,
                                           birthdate, biography, city, password_hash)
                        VALUES (:firstName, :secondName, :firstNameKey, :secondNameKey,
                                :birthdate, :biography, :city, :passwordHash)
                        RETURNING id
                        """)
                .param("firstName", user.firstName())
                .param("secondName", user.secondName())
                .param("firstNameKey", searchKey(user.firstName()))
                .param("secondNameKey", searchKey(user.secondName()))
                .param("birthdate", user.birthdate())
                .param("biography", user.biography())
                .param("city", user.city())
                .param("passwordHash", passwordHash)
                .query(Long.class)
                .single();
    }

    Optional<String> passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Whether a user with this id exists; ask {@link KnownUsers}, which remembers the answer. */
    boolean exists(long id) {
        return jdbc.sql(EXISTS)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    Optional<UserProfile> profile(long id, LocalDate today) {
        return jdbc.sql("SELECT " + PROFILE_COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(profiles(today))
                .optional();
    }

    /** Users whose first and second names start with the given prefixes, ignoring case; by name, then id. */
    List<UserProfile> search(String firstNamePrefix, String secondNamePrefix, int limit, LocalDate today) {
        return jdbc.sql("SELECT " + PROFILE_COLUMNS + """
                         FROM users
                        WHERE first_name_key LIKE :firstName ESCAPE '\\'
                          AND second_name_key LIKE :secondName ESCAPE '\\'
                        ORDER BY second_name_key, first_name_key, id
                        LIMIT :limit
                        """)
                .param("firstName", likePrefix(firstNamePrefix))
                .param("secondName", likePrefix(secondNamePrefix))
                .param("limit", limit)
                .query(profiles(today))
                .list();
    }

    static String searchKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A LIKE pattern matching what starts with {@code prefix}, its wildcards taken literally. */
    static String likePrefix(String prefix) {
        return searchKey(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static RowMapper<UserProfile> profiles(LocalDate today) {
        return (rs, row) -> UserProfile.of(rs.getLong("id"), rs.getString("first_name"),
                rs.getString("second_name"), rs.getObject("birthdate", LocalDate.class),
                rs.getString("biography"), rs.getString("city"), today);
    }
}
