package org.dialogs.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTypesTest {

    record Body(String text, Integer age, LocalDate birthdate) {
    }

    private static final JsonMapper JSON = strict();

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new StrictJsonTypes().customize(builder);
        return builder.build();
    }

    @Test
    void read_valuesOfTheirOwnTypes_areRead() {
        Body body = JSON.readValue("{\"text\": \"12345\", \"age\": 30, \"birthdate\": \"1990-01-02\"}", Body.class);

        assertThat(body).isEqualTo(new Body("12345", 30, LocalDate.of(1990, 1, 2)));
    }

    @Test
    void read_numberAsString_failsNamingTheField() {
        assertThat(failure("{\"text\": 12345}")).isEqualTo(
                "the request body is not the JSON this endpoint takes: text must be a string");
    }

    @Test
    void read_floatAsString_fails() {
        assertThat(failure("{\"text\": 1.5e3}")).endsWith("text must be a string");
    }

    @Test
    void read_booleanAsString_fails() {
        assertThat(failure("{\"text\": true}")).endsWith("text must be a string");
    }

    @Test
    void read_stringAsInteger_fails() {
        assertThat(failure("{\"age\": \"30\"}")).endsWith("age must be an integer");
    }

    @Test
    void read_fractionAsInteger_fails() {
        assertThat(failure("{\"age\": 30.5}")).endsWith("age must be an integer");
    }

    @Test
    void read_dayNumberAsDate_fails() {
        assertThat(failure("{\"birthdate\": 7000}")).endsWith("birthdate must be a date as a string, YYYY-MM-DD");
    }

    private static String failure(String json) {
        Throwable thrown = catchThrowable(() -> JSON.readValue(json, Body.class));
        assertThat(thrown).isInstanceOf(MismatchedInputException.class);
        return UnreadableBodyMessage.of(thrown);
    }
}
