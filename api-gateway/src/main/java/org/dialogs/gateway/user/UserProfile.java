package org.dialogs.gateway.user;

import java.time.LocalDate;
import java.time.Period;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A user as the public API shows it: string id, age derived from birth date, no password, unset fields left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserProfile(String id, String firstName, String secondName, Integer age, LocalDate birthdate,
        String biography, String city) {

    static UserProfile of(long id, String firstName, String secondName, LocalDate birthdate, String biography,
            String city, LocalDate today) {
        Integer age = birthdate == null ? null : Period.between(birthdate, today).getYears();
        return new UserProfile(Long.toString(id), firstName, secondName, age, birthdate, biography, city);
    }
}
