package org.dialogs.gateway.user;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and their password hashes. Every lookup is by id, so on Citus each one touches one shard. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(RegisterRequest user, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO users (first_name, second_name, birthdate, biography, city, password_hash)
                        VALUES (:firstName, :secondName, :birthdate, :biography, :city, :passwordHash)
                        RETURNING id
                        """)
                .param("firstName", user.firstName())
                .param("secondName", user.secondName())
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

    public boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    Optional<UserProfile> profile(long id, LocalDate today) {
        return jdbc.sql("SELECT id, first_name, second_name, birthdate, biography, city FROM users WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> UserProfile.of(rs.getLong("id"), rs.getString("first_name"),
                        rs.getString("second_name"), rs.getObject("birthdate", LocalDate.class),
                        rs.getString("biography"), rs.getString("city"), today))
                .optional();
    }
}
