package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ops pages' defences over real HTTP against the spam-detector of an embedded stack: forged changes, logout,
 * security headers, wrong passwords. The wrong-password case runs last: it locks this client's address out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsSecurityIT {

    private static final String EVIL_ORIGIN = "https://evil.example";

    private static RunningStack running;
    private static Api ops;

    @BeforeAll
    static void start() {
        running = RunningStack.start();
        ops = new Api(running.stack.url("spam-detector"));
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    @Test
    @Order(1)
    void crossSitePost_withBasicCredentials_andNoAntiForgeryHeader_isForbidden() {
        HttpResponse<String> forged = ops.call("POST", "/ops/api/senders/42/lift", basic(password()), null, null,
                Map.of("Origin", EVIL_ORIGIN));
        HttpResponse<String> rebalance = ops.call("POST", "/ops/api/rebalance", basic(password()), null, null,
                Map.of());
        HttpResponse<String> script = ops.call("POST", "/ops/api/senders/42/lift", basic(password()), null, null,
                Map.of("X-Ops-Request", "1"));

        assertThat(forged.statusCode()).as("cross-site lift with cached Basic credentials").isEqualTo(403);
        assertThat(rebalance.statusCode()).as("rebalance without the header").isEqualTo(403);
        assertThat(script.statusCode()).as("a script's lift, with the header: no flag to lift").isEqualTo(404);
    }

    @Test
    @Order(2)
    void crossSiteLoginForm_isForbidden_andTheSameSiteOneLogsIn() {
        String form = "user=operator&password=" + password();
        HttpResponse<String> forged = ops.call("POST", "/ops/login", null, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of("Origin", EVIL_ORIGIN));
        HttpResponse<String> own = logIn();

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(own.statusCode()).isBetween(300, 399);
        assertThat(own.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ops/"));
    }

    @Test
    @Order(3)
    void logout_endsTheSessionOnTheServer_soTheOldCookieIsRefused() {
        String cookie = cookies(logIn());
        assertThat(ops.call("GET", "/ops/api/rules", null, null, null, Map.of("Cookie", cookie)).statusCode())
                .as("logged in").isEqualTo(200);

        HttpResponse<String> logout = ops.call("POST", "/ops/logout", null, null, null,
                Map.of("Cookie", cookie, "Origin", ops.base(), "Accept", "text/html"));
        HttpResponse<String> replayed = ops.call("GET", "/ops/api/rules", null, null, null, Map.of("Cookie", cookie));

        assertThat(logout.statusCode()).isBetween(300, 399);
        assertThat(replayed.statusCode()).as("the cookie from before the logout").isEqualTo(401);
    }

    @Test
    @Order(4)
    void opsPages_carryContentSecurityPolicy_frameAncestors_andNosniff_otherEndpointsStayOpen() {
        for (String path : List.of("/ops/login", "/ops/", "/ops/ops.js", "/ops/api/rules")) {
            HttpResponse<String> page = ops.call("GET", path, basic(password()), null, null, Map.of());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
        assertThat(ops.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(ops.get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(ops.get("/ops/api/rules", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void sixthWrongPasswordWithinAMinute_is429WithRetryAfter_evenWithTheRightPassword_andCounted() {
        for (int i = 1; i <= 5; i++) {
            assertThat(ops.call("GET", "/ops/api/rules", basic("wrong-" + i), null, null, Map.of()).statusCode())
                    .as("wrong password " + i).isEqualTo(401);
        }

        HttpResponse<String> sixth = ops.call("GET", "/ops/api/rules", basic("wrong-6"), null, null, Map.of());
        HttpResponse<String> right = ops.call("GET", "/ops/api/rules", basic(password()), null, null, Map.of());
        HttpResponse<String> form = logIn();

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(right.statusCode()).as("locked: not even checked").isEqualTo(429);
        assertThat(form.statusCode()).as("the login form is locked too").isEqualTo(429);
        assertThat(ops.get("/actuator/prometheus", null).body()).containsPattern(
                "dialogs_ops_login_throttled_total(\\{[^}]*})? 3\\.0");
    }

    private static HttpResponse<String> logIn() {
        String form = "user=operator&password=" + password();
        return ops.call("POST", "/ops/login", null, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of("Origin", ops.base()));
    }

    /** The cookies a response sets, as a {@code Cookie} header sends them back. */
    private static String cookies(HttpResponse<String> response) {
        Map<String, String> jar = new HashMap<>();
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            jar.put(pair.substring(0, pair.indexOf('=')), pair);
        }
        assertThat(jar).as("cookies set by " + response.uri()).isNotEmpty();
        return String.join("; ", jar.values());
    }

    private static String password() {
        return running.stack.operatorPassword();
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("operator:" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
