package org.dialogs.gateway.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.dialogs.gateway.auth.BearerTokens;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.http.PageLimit;
import org.dialogs.gateway.http.UserIds;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login, profiles and name search, as in the public contract. */
@RestController
class UserController {

    static final int MAX_SEARCH_RESULTS = 100;
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final int MAX_PREFIX_LENGTH = 100;
    private static final LocalDate EARLIEST_BIRTHDATE = LocalDate.of(1900, 1, 1);

    private final UserRepository users;
    private final KnownUsers knownUsers;
    private final PasswordEncoder passwords;
    private final BearerTokens tokens;
    private final Clock clock;

    UserController(UserRepository users, KnownUsers knownUsers, PasswordEncoder passwords, BearerTokens tokens,
            Clock clock) {
        this.users = users;
        this.knownUsers = knownUsers;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Operation(summary = "Register a user", description = "Passwords are stored as bcrypt hashes.")
    @PostMapping("/user/register")
    Map<String, String> register(@Valid @RequestBody RegisterRequest request) {
        if (request.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw ApiException.badRequest("password must be at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8");
        }
        if (request.birthdate() != null && request.birthdate().isBefore(EARLIEST_BIRTHDATE)) {
            throw ApiException.badRequest("birthdate must be " + EARLIEST_BIRTHDATE + " or later");
        }
        long id = users.insert(request, passwords.encode(request.password()));
        knownUsers.registered(id);
        return Map.of("user_id", Long.toString(id));
    }

    @Operation(summary = "Log in: a signed bearer token that expires")
    @ApiResponse(responseCode = "404", description = "No user with this id")
    @PostMapping("/login")
    Map<String, String> login(@Valid @RequestBody LoginRequest request) {
        long id = UserIds.parse("id", request.id());
        String hash = users.passwordHash(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
        if (!passwords.matches(request.password(), hash)) {
            throw ApiException.badRequest("wrong password for user " + id);
        }
        return Map.of("token", tokens.issue(id));
    }

    @Operation(summary = "A user's profile; age is derived from the birth date")
    @ApiResponse(responseCode = "404", description = "No user with this id")
    @GetMapping("/user/get/{id}")
    UserProfile get(@PathVariable("id") String id) {
        long userId = UserIds.parse("id", id);
        return users.profile(userId, LocalDate.now(clock))
                .orElseThrow(() -> ApiException.notFound("no user with id " + userId));
    }

    /** Users whose names start with both prefixes, ignoring case; at most {@code limit} of them. */
    @Operation(summary = "Users whose first and last names start with the prefixes, ignoring case",
            description = "At most `limit` (default and maximum 100) users, by last name, first name, id. "
                    + "`limit` is an addition to the contract.")
    @GetMapping("/user/search")
    List<UserProfile> search(@RequestParam("first_name") String firstName,
            @RequestParam("last_name") String lastName,
            @RequestParam(value = "limit", defaultValue = "" + MAX_SEARCH_RESULTS) int limit) {
        checkPrefix("first_name", firstName);
        checkPrefix("last_name", lastName);
        return users.search(firstName, lastName, PageLimit.check(limit, MAX_SEARCH_RESULTS), LocalDate.now(clock));
    }

    private static void checkPrefix(String field, String value) {
        if (value.isBlank() || value.length() > MAX_PREFIX_LENGTH) {
            throw ApiException.badRequest(field + " must be 1 to " + MAX_PREFIX_LENGTH
                    + " characters, not only white space");
        }
    }
}
