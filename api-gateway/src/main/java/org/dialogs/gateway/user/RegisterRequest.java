package org.dialogs.gateway.user;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /user/register}. {@code age} is accepted for compatibility and ignored: it is derived. */
record RegisterRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_RULE) String firstName,
        @NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_RULE) String secondName,
        Integer age,
        @Past LocalDate birthdate,
        @Size(max = 4000) @Pattern(regexp = FREE_TEXT, message = FREE_TEXT_RULE) String biography,
        @Size(max = 100) @Pattern(regexp = PLACE, message = PLACE_RULE) String city,
        @NotBlank @Size(min = 8, max = 72) String password) {

    /** Letters of any script, with spaces, hyphens, apostrophes and periods between them. */
    static final String NAME = "[\\p{L}\\p{M}][\\p{L}\\p{M} .'’-]*";
    static final String NAME_RULE = "must start with a letter and hold only letters, spaces, hyphens, "
            + "apostrophes and periods";
    static final String PLACE = "[\\p{L}\\p{M}\\p{N} .,'’()-]*";
    static final String PLACE_RULE = "must hold only letters, digits, spaces and . , ' ( ) -";
    /** Any text but control characters other than tab and line breaks (PostgreSQL cannot store NUL). */
    static final String FREE_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String FREE_TEXT_RULE = "must not contain control characters";
}
