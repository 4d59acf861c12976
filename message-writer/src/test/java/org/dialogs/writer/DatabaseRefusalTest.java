package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DatabaseRefusalTest {

    private static RuntimeException wrapped(String sqlState) {
        return new DataIntegrityViolationException("statement failed", new SQLException("ERROR", sqlState));
    }

    @Test
    void ofContent_dataExceptionCheckViolationOrLimit_blamesTheRecord() {
        assertThat(DatabaseRefusal.ofContent(wrapped("22008"))).isPresent(); // datetime field overflow
        assertThat(DatabaseRefusal.ofContent(wrapped("23514"))).isPresent(); // check violation
        assertThat(DatabaseRefusal.ofContent(wrapped("54000"))).isPresent(); // program limit exceeded
    }

    @Test
    void ofContent_failingDatabase_blamesNoRecord() {
        assertThat(DatabaseRefusal.ofContent(wrapped("08006"))).isEmpty(); // connection failure
        assertThat(DatabaseRefusal.ofContent(wrapped("57P01"))).isEmpty(); // admin shutdown
        assertThat(DatabaseRefusal.ofContent(wrapped("40001"))).isEmpty(); // serialization failure
        assertThat(DatabaseRefusal.ofContent(wrapped("40P01"))).isEmpty(); // deadlock
        assertThat(DatabaseRefusal.ofContent(wrapped("25006"))).isEmpty(); // read-only transaction
        assertThat(DatabaseRefusal.ofContent(wrapped("53300"))).isEmpty(); // too many connections
        assertThat(DatabaseRefusal.ofContent(new CannotGetJdbcConnectionException("pool timed out"))).isEmpty();
    }
}
