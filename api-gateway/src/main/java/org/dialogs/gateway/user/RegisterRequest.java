package org.dialogs.gateway.user;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/** {@code POST /user/register}. {@code age} is accepted for compatibility and ignored: it is derived. */
record RegisterRequest(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String secondName,
        Integer age,
        @Past LocalDate birthdate,
        @Size(max = 4000) String biography,
        @Size(max = 100) String city,
        @NotBlank @Size(min = 8, max = 72) String password) {
}
