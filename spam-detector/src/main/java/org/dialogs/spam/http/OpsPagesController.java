package org.dialogs.spam.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The ops pages (plain HTML and JavaScript from {@code static/ops}) and the operator's login and logout. */
@Controller
class OpsPagesController {

    private final OperatorSessions sessions;

    OpsPagesController(OperatorSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping({"/ops", "/ops/"})
    String dashboard() {
        return "forward:/ops/index.html";
    }

    @GetMapping("/ops/login")
    String loginPage() {
        return "forward:/ops/login.html";
    }

    @PostMapping("/ops/login")
    ResponseEntity<Void> login(@RequestParam(value = "user", defaultValue = "") String user,
            @RequestParam(value = "password", defaultValue = "") String password) {
        if (!sessions.matches(user, password)) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/ops/login?failed")
                    .build();
        }
        ResponseCookie cookie = ResponseCookie.from(OperatorAuth.COOKIE, sessions.issue()).httpOnly(true)
                .sameSite("Strict").path("/ops").maxAge(OperatorSessions.TTL).build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/ops/").build();
    }

    @PostMapping("/ops/logout")
    ResponseEntity<Void> logout() {
        ResponseCookie cookie = ResponseCookie.from(OperatorAuth.COOKIE, "").path("/ops").maxAge(0).build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/ops/login").build();
    }
}
