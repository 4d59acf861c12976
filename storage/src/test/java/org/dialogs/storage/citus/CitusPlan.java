package org.dialogs.storage.citus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/** The plan Citus makes for a statement, from {@code EXPLAIN} on the coordinator, and what it says. */
public final class CitusPlan {

    private static final String INSERT_SELECT_METHOD = "INSERT/SELECT method: ";

    private final List<String> lines;

    private CitusPlan(List<String> lines) {
        this.lines = lines;
    }

    /** The plan of {@code statement} with the parameters that {@code params} binds. */
    public static CitusPlan explain(JdbcClient jdbc, String statement, UnaryOperator<StatementSpec> params) {
        return new CitusPlan(params.apply(jdbc.sql("EXPLAIN " + statement)).query(String.class).list());
    }

    /** Asserts a router plan: one task, on the one shard that holds the rows. */
    public void assertRouter() {
        assertThat(text()).as("a router plan: one task on one shard").contains("Custom Scan (Citus Adaptive)");
        assertThat(lines).as(text()).anySatisfy(line -> assertThat(line.strip()).isEqualTo("Task Count: 1"));
    }

    /**
     * How Citus runs an {@code INSERT ... SELECT}: {@code pull to coordinator}, {@code repartition}, or empty when
     * the plan names no method (a pushed-down one, run on the workers, is planned as tasks).
     */
    public Optional<String> insertSelectMethod() {
        return lines.stream()
                .map(String::strip)
                .filter(line -> line.startsWith(INSERT_SELECT_METHOD))
                .map(line -> line.substring(INSERT_SELECT_METHOD.length()))
                .findFirst();
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return text();
    }
}
