package org.dialogs.gateway.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.Valid;
import org.dialogs.gateway.auth.BearerTokens;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.gateway.http.UserIds;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login and profiles, as in the public contract. */
@RestController
class UserController {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final BearerTokens tokens;
    private final Clock clock;

    UserController(UserRepository users, PasswordEncoder passwords, BearerTokens tokens, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
    }

    @PostMapping("/user/register")
    Map<String, String> register(@Valid @RequestBody RegisterRequest request) {
        if (request.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw ApiException.badRequest("password must be at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8");
        }
        long id = users.insert(request, passwords.encode(request.password()));
        return Map.of("user_id", Long.toString(id));
    }

    @PostMapping("/login")
    Map<String, String> login(@Valid @RequestBody LoginRequest request) {
        long id = UserIds.parse("id", request.id());
        String hash = users.passwordHash(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
        if (!passwords.matches(request.password(), hash)) {
            throw ApiException.badRequest("wrong password for user " + id);
        }
        return Map.of("token", tokens.issue(id));
    }

    @GetMapping("/user/get/{id}")
    UserProfile get(@PathVariable("id") String id) {
        long userId = UserIds.parse("id", id);
        return users.profile(userId, LocalDate.now(clock))
                .orElseThrow(() -> ApiException.notFound("no user with id " + userId));
    }
}
