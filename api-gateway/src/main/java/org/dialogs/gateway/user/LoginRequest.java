package org.dialogs.gateway.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /login}: the user id (a string, as everywhere in the API) and the password. */
record LoginRequest(@NotNull String id, @NotBlank @Size(max = 72) String password) {
}
