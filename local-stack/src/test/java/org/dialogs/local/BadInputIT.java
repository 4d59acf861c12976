package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad requests of every kind through real HTTP: each gets the right 4xx with a message that says what was wrong,
 * never a 5xx, and none of them stores a user, a message or an event. Text and names that merely look like SQL or
 * HTML where such text is allowed (a message) are not bad input: they are stored verbatim and shown as JSON.
 */
class BadInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";

    private static RunningStack running;
    private static Api api;
    private static Api.User anna;
    private static Api.User boris;
    private static Api.User carl;
    private static String annaToBoris;

    /** One bad request and what it must get. */
    private record Case(String name, String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers, int status, String says) {
    }

    /** A request sent as raw bytes, and what it must get. */
    private record Refused(Supplier<RawHttp.Answer> send, int status, String says) {
    }

    @BeforeAll
    static void start() {
        running = RunningStack.start();
        api = new Api(running.gateway());
        anna = api.registerAndLogin("Anna", "anna-secret-1");
        boris = api.registerAndLogin("Boris", "boris-secret-1");
        carl = api.registerAndLogin("Carl", "carl-secret-1");
        annaToBoris = api.send(anna, boris, "only for Boris");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(boris, anna).size() == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    @TestFactory
    Stream<DynamicTest> everyBadRequest_getsItsClear4xx() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases.stream().map(Case::name).distinct()).hasSameSizeAs(cases);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            HttpResponse<String> response = api.call(c.method(), c.path(), c.token(), c.contentType(), c.body(),
                    c.headers());
            assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("code").asInt()).isEqualTo(c.status());
            assertThat(error.get("message").asString()).as(c.name()).containsIgnoringCase(c.says());
        }));
    }

    /**
     * Requests the servlet container refuses before the application sees them, sent as raw bytes since an HTTP
     * client would not send them: they too get the contract's JSON error body, not the container's HTML page.
     */
    @TestFactory
    Stream<DynamicTest> everyRequestTheContainerRefuses_getsTheContractErrorBody() {
        RawHttp http = new RawHttp(running.gateway());
        String notHttp = "not valid HTTP";
        Map<String, Refused> requests = new LinkedHashMap<>();
        requests.put("bearer token of 10 KB", new Refused(
                () -> http.get("/dialogs", "Authorization: Bearer " + "a".repeat(10_240)), 400, notHttp));
        requests.put("NUL in the path", new Refused(() -> http.get("/user/get/%00"), 400, "Invalid URI"));
        requests.put("bad percent-encoding in the path", new Refused(() -> http.get("/user/get/%zz"), 400,
                "Invalid URI"));
        requests.put("invalid UTF-8 in the path", new Refused(() -> http.get("/user/get/%C3%28"), 400, notHttp));
        requests.put("encoded slash in the path", new Refused(() -> http.get("/dialog/%2F/list"), 400,
                "Invalid URI"));
        requests.put("unencoded brace in the path", new Refused(() -> http.get("/user/get/{1}"), 400, notHttp));
        requests.put("bad percent-encoding in the query", new Refused(
                () -> http.get("/user/search?first_name=%zz&last_name=L"), 400, "percent-encoded UTF-8"));
        requests.put("target that is not a path", new Refused(() -> http.get("user/get/1"), 400, "Invalid URI"));
        requests.put("control character in a header", new Refused(
                () -> http.get("/user/get/1", "Idempotency-Key: a\u0001b"), 400, notHttp));
        requests.put("no Host header", new Refused(
                () -> http.raw("GET /user/get/1 HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, notHttp));
        requests.put("unknown HTTP version", new Refused(
                () -> http.raw("GET /user/get/1 HTTP/2.5\r\nHost: x\r\nConnection: close\r\n\r\n"), 505,
                "not supported"));
        requests.put("unknown expectation", new Refused(() -> http.get("/user/get/1", "Expect: 100-later"), 417,
                "Expectation Failed"));
        requests.put("the error page asked for directly", new Refused(() -> http.get("/error"), 404,
                "no such endpoint"));
        return requests.entrySet().stream().map(request -> DynamicTest.dynamicTest(request.getKey(), () -> {
            RawHttp.Answer answer = request.getValue().send().get();
            assertThat(answer.status()).as("%s: %s", request.getKey(), answer.body())
                    .isEqualTo(request.getValue().status());
            assertThat(answer.contentType()).as(request.getKey()).startsWith(JSON_TYPE);
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.get("code").asInt()).isEqualTo(answer.status());
            assertThat(error.get("message").asString()).as(request.getKey()).contains(request.getValue().says());
            assertThat(error.get("request_id").asString()).isEqualTo(answer.headers().get("x-request-id"));
        }));
    }

    @Test
    void afterEveryBadRequest_nothingWasStoredOrPublished() {
        long usersBefore = running.count("SELECT count(*) FROM users");
        long messagesBefore = running.count("SELECT count(*) FROM messages");
        long eventsBefore = running.recordsIn(Topics.SEND_MESSAGE);
        cases().forEach(c -> api.call(c.method(), c.path(), c.token(), c.contentType(), c.body(), c.headers()));
        // a valid send after them all: once it is stored, anything published before it would be too
        Api.User fred = api.registerAndLogin("Fred", "fred-secret-1");
        String marker = api.send(fred, boris, "after the bad requests");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(boris, fred).size() == 1);
        assertThat(api.list(boris, fred).get(0).get("id").asString()).isEqualTo(marker);
        assertThat(running.count("SELECT count(*) FROM users")).isEqualTo(usersBefore + 1);
        assertThat(running.count("SELECT count(*) FROM messages")).isEqualTo(messagesBefore + 1);
        assertThat(running.recordsIn(Topics.SEND_MESSAGE)).isEqualTo(eventsBefore + 1);
    }

    @Test
    void noUser_readsOrSendsAsAnyoneElse() {
        // Carl asks for "his" conversation with Anna: it holds nothing of Anna's with Boris
        assertThat(api.list(carl, anna)).isEmpty();
        assertThat(Api.ok(api.get("/dialogs", carl.token())).valueStream()
                .map(d -> d.get("peer_id").asString())).doesNotContain(anna.id(), boris.id());
        // a sender field in the body is ignored: the token decides who sends
        String id = Api.ok(api.post("/dialog/" + anna.id() + "/send", carl.token(),
                "{\"text\": \"from whom?\", \"from\": \"" + boris.id() + "\", \"sender_id\": " + boris.id() + "}"))
                .get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !api.list(anna, carl).isEmpty());
        JsonNode stored = api.list(anna, carl).get(0);
        assertThat(stored.get("id").asString()).isEqualTo(id);
        assertThat(stored.get("from").asString()).isEqualTo(carl.id());
        assertThat(api.list(anna, boris).valueStream().map(m -> m.get("text").asString()))
                .doesNotContain("from whom?");
    }

    @Test
    void textThatLooksLikeSqlOrHtml_isStoredVerbatim_andServedAsJson() {
        Api.User dora = api.registerAndLogin("Dora", "dora-secret-1");
        Api.User emil = api.registerAndLogin("Emil", "emil-secret-1");
        Set<String> texts = new HashSet<>(List.of("Robert'); DROP TABLE messages;--",
                "<script>alert(document.cookie)</script>", "' OR '1'='1", "%_\\ \u0000".replace("\u0000", "")));
        texts.forEach(text -> api.send(dora, emil, text));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.list(emil, dora).size() == texts.size());
        HttpResponse<String> list = api.get("/dialog/" + dora.id() + "/list", emil.token());
        assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(JSON_TYPE));
        assertThat(Api.ok(list).valueStream().map(m -> m.get("text").asString())).containsExactlyInAnyOrderElementsOf(
                texts);
        assertThat(running.count("SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'messages')"))
                .isEqualTo(2);
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String register = "/user/register";
        c.add(json("register: malformed JSON", "POST", register, null, "{\"first_name\": \"Ann", 400, "not the JSON"));
        c.add(json("register: empty body", "POST", register, null, "", 400, "not the JSON"));
        c.add(json("register: array instead of object", "POST", register, null, "[1,2]", 400, "not the JSON"));
        c.add(raw("register: text/plain body", "POST", register, null, "text/plain",
                bytes(validUser("Ann", "Lee")), 400, "Content-Type: application/json"));
        c.add(json("register: missing names", "POST", register, null, "{\"password\": \"long-enough\"}", 400,
                "first_name"));
        c.add(json("register: number as first name", "POST", register, null,
                validUser("Ann", "Lee").replace("\"Ann\"", "42"), 400, "first_name"));
        c.add(json("register: birthdate not a date", "POST", register, null,
                validUser("Ann", "Lee").replace("1990-01-02", "yesterday"), 400, "not the JSON"));
        c.add(json("register: birthdate in the future", "POST", register, null,
                validUser("Ann", "Lee").replace("1990-01-02", "2999-01-01"), 400, "birthdate"));
        c.add(json("register: birthdate before 1900", "POST", register, null,
                validUser("Ann", "Lee").replace("1990-01-02", "1812-01-01"), 400, "birthdate"));
        c.add(json("register: password too short", "POST", register, null,
                validUser("Ann", "Lee").replace("long-enough-1", "short"), 400, "password"));
        c.add(json("register: password over 72 bytes", "POST", register, null,
                validUser("Ann", "Lee").replace("long-enough-1", "пароль".repeat(7)), 400, "72 bytes"));
        c.add(json("register: first name of 10000 characters", "POST", register, null,
                validUser("A".repeat(10_000), "Lee"), 400, "first_name"));
        c.add(json("register: SQL injection in first name", "POST", register, null,
                validUser("Robert'); DROP TABLE users;--", "Lee"), 400, "first_name"));
        c.add(json("register: script in second name", "POST", register, null,
                validUser("Ann", "<script>alert(1)</script>"), 400, "second_name"));
        c.add(json("register: markup in city", "POST", register, null,
                validUser("Ann", "Lee").replace("Kazan", "<img src=x onerror=alert(1)>"), 400, "city"));
        c.add(json("register: NUL in biography", "POST", register, null,
                validUser("Ann", "Lee").replace("Reads", "Reads\\u0000"), 400, "biography"));
        c.add(json("register: lone surrogate in name", "POST", register, null, validUser("Ann\\ud800", "Lee"),
                400, "first_name"));
        c.add(raw("register: invalid UTF-8", "POST", register, null, JSON_TYPE,
                invalidUtf8(validUser("Ann", "Lee")), 400, "UTF-8"));
        c.add(json("register: number as city", "POST", register, null,
                validUser("Ann", "Lee").replace("\"Kazan\"", "12345"), 400, "city must be a string"));
        c.add(json("register: boolean as biography", "POST", register, null,
                validUser("Ann", "Lee").replace("\"Reads\"", "true"), 400, "biography must be a string"));
        c.add(json("register: birthdate as a number", "POST", register, null,
                validUser("Ann", "Lee").replace("\"1990-01-02\"", "7000"), 400, "birthdate"));
        c.add(json("register: age as a string", "POST", register, null,
                validUser("Ann", "Lee").replace("{", "{\"age\": \"30\", "), 400, "age must be an integer"));
        c.add(raw("register: body over 64 KB", "POST", register, null, JSON_TYPE,
                bytes(validUser("Ann", "Lee").replace("Reads", "x".repeat(70_000))), 413, "at most 65536"));

        c.add(json("login: id not a number", "POST", "/login", null, login("anna"), 400, "user id"));
        c.add(json("login: SQL injection as id", "POST", "/login", null, login("1 OR 1=1"), 400, "user id"));
        c.add(json("login: negative id", "POST", "/login", null, login("-5"), 400, "user id"));
        c.add(json("login: id beyond 64 bits", "POST", "/login", null, login("99999999999999999999"), 400,
                "user id"));
        c.add(json("login: id as a number", "POST", "/login", null,
                "{\"id\": " + anna.id() + ", \"password\": \"anna-secret-1\"}", 400, "id must be a string"));
        c.add(json("login: no id", "POST", "/login", null, "{\"password\": \"anna-secret-1\"}", 400, "id"));
        c.add(json("login: wrong password", "POST", "/login", null,
                "{\"id\": \"" + anna.id() + "\", \"password\": \"guess-guess\"}", 400, "wrong password"));
        c.add(json("login: unknown user", "POST", "/login", null, login("987654321"), 404, "no user"));

        c.add(get("get: id not a number", "/user/get/anna", null, 400, "user id"));
        c.add(get("get: SQL injection in id", "/user/get/" + encode("1; DROP TABLE users"), null, 400, "user id"));
        c.add(get("get: id zero", "/user/get/0", null, 400, "user id"));
        c.add(get("get: unknown id", "/user/get/987654321", null, 404, "no user"));

        c.add(get("search: no last_name", "/user/search?first_name=An", null, 400, "last_name"));
        c.add(get("search: blank first_name", "/user/search?first_name=%20&last_name=L", null, 400, "first_name"));
        c.add(get("search: limit zero", "/user/search?first_name=A&last_name=L&limit=0", null, 400, "limit"));
        c.add(get("search: limit not a number", "/user/search?first_name=A&last_name=L&limit=all", null, 400,
                "limit"));
        c.add(get("search: NUL in first_name", "/user/search?first_name=a%00&last_name=L", null, 400,
                "first_name must not contain control characters"));
        c.add(get("search: escape character in last_name", "/user/search?first_name=A&last_name=L%1B", null, 400,
                "last_name must not contain control characters"));
        c.add(get("search: invalid UTF-8 in first_name", "/user/search?first_name=%C3%28&last_name=L", null, 400,
                "UTF-8"));
        c.add(get("search: prefix of 1000 characters", "/user/search?first_name=" + "a".repeat(1000)
                + "&last_name=L", null, 400, "first_name"));

        String toBoris = "/dialog/" + boris.id() + "/send";
        String hello = "{\"text\": \"hello\"}";
        c.add(json("send: no token", "POST", toBoris, null, hello, 401, "bearer token"));
        c.add(json("send: Basic instead of Bearer", "POST", toBoris, "Basic YW5uYTpzZWNyZXQ=", hello, 401,
                "bearer token"));
        c.add(json("send: forged signature", "POST", toBoris,
                TestTokens.signed("not-the-secret", anna.id(), Instant.now().plusSeconds(3600)), hello, 401,
                "invalid or expired"));
        c.add(json("send: another user's id in a signed token", "POST", toBoris,
                TestTokens.withUser(anna.token(), carl.id()), hello, 401, "invalid or expired"));
        c.add(json("send: expired token", "POST", toBoris,
                TestTokens.signed(RunningStack.TOKEN_SECRET, anna.id(), Instant.now().minusSeconds(1)), hello,
                401, "invalid or expired"));
        c.add(json("send: signed token of a user that does not exist", "POST", toBoris,
                TestTokens.signed(RunningStack.TOKEN_SECRET, "987654321", Instant.now().plusSeconds(3600)), hello,
                401, "no user 987654321"));
        c.add(json("send: garbage token", "POST", toBoris, "Bearer '; DROP TABLE users;--", hello, 401,
                "invalid or expired"));
        c.add(json("send: number as text", "POST", toBoris, anna.token(), "{\"text\": 12345}", 400,
                "text must be a string"));
        c.add(json("send: boolean as text", "POST", toBoris, anna.token(), "{\"text\": true}", 400,
                "text must be a string"));
        c.add(json("send: exponent number as text", "POST", toBoris, anna.token(), "{\"text\": 1.5e3}", 400,
                "text must be a string"));
        c.add(json("send: empty text", "POST", toBoris, anna.token(), "{\"text\": \"\"}", 400, "text"));
        c.add(json("send: white space only", "POST", toBoris, anna.token(), "{\"text\": \" \\n\\t \"}", 400,
                "white space"));
        c.add(json("send: no text", "POST", toBoris, anna.token(), "{}", 400, "text"));
        c.add(json("send: text is an object", "POST", toBoris, anna.token(), "{\"text\": {\"a\": 1}}", 400,
                "not the JSON"));
        c.add(json("send: 4097 characters", "POST", toBoris, anna.token(), text("ж".repeat(4097)), 400,
                "at most 4096"));
        c.add(json("send: NUL in text", "POST", toBoris, anna.token(), "{\"text\": \"a\\u0000b\"}", 400, "NUL"));
        c.add(json("send: lone surrogate", "POST", toBoris, anna.token(), "{\"text\": \"a\\udc00b\"}", 400,
                "surrogate"));
        c.add(raw("send: invalid UTF-8", "POST", toBoris, anna.token(), JSON_TYPE, invalidUtf8(hello), 400,
                "UTF-8"));
        c.add(json("send: malformed JSON", "POST", toBoris, anna.token(), "{\"text\": hello}", 400, "not the JSON"));
        c.add(raw("send: form instead of JSON", "POST", toBoris, anna.token(),
                "application/x-www-form-urlencoded", bytes("text=hello"), 400, "Content-Type: application/json"));
        c.add(json("send: to yourself", "POST", "/dialog/" + anna.id() + "/send", anna.token(), hello, 400,
                "yourself"));
        c.add(json("send: to an unknown user", "POST", "/dialog/987654321/send", anna.token(), hello, 400,
                "no user"));
        c.add(json("send: recipient not a number", "POST", "/dialog/boris/send", anna.token(), hello, 400,
                "user id"));
        c.add(json("send: SQL injection as recipient", "POST", "/dialog/" + encode("2 OR 1=1") + "/send",
                anna.token(), hello, 400, "user id"));
        c.add(new Case("send: Idempotency-Key of 200 characters", "POST", toBoris, anna.token(), JSON_TYPE,
                bytes(hello), Map.of("Idempotency-Key", "k".repeat(200)), 400, "Idempotency-Key"));
        c.add(new Case("send: Idempotency-Key with spaces", "POST", toBoris, anna.token(), JSON_TYPE,
                bytes(hello), Map.of("Idempotency-Key", "a b"), 400, "Idempotency-Key"));

        String withBoris = "/dialog/" + boris.id() + "/list";
        c.add(get("list: no token", withBoris, null, 401, "bearer token"));
        c.add(get("list: expired token", withBoris,
                TestTokens.signed(RunningStack.TOKEN_SECRET, anna.id(), Instant.now().minusSeconds(60)), 401,
                "invalid or expired"));
        c.add(get("list: signed token of a user that does not exist", withBoris,
                TestTokens.signed(RunningStack.TOKEN_SECRET, "987654321", Instant.now().plusSeconds(3600)), 401,
                "no user 987654321"));
        c.add(get("list: limit zero", withBoris + "?limit=0", anna.token(), 400, "limit"));
        c.add(get("list: limit over 1000", withBoris + "?limit=5000", anna.token(), 400, "limit"));
        c.add(get("list: limit not a number", withBoris + "?limit=ten", anna.token(), 400, "limit"));
        c.add(get("list: forged cursor", withBoris + "?before=" + encode("' OR 1=1 --"), anna.token(), 400,
                "cursor"));
        c.add(get("list: peer not a number", "/dialog/boris/list", anna.token(), 400, "user id"));
        c.add(get("list: with yourself", "/dialog/" + anna.id() + "/list", anna.token(), 400, "yourself"));

        c.add(get("dialogs: no token", "/dialogs", null, 401, "bearer token"));
        c.add(get("dialogs: limit zero", "/dialogs?limit=0", anna.token(), 400, "limit"));
        c.add(get("dialogs: forged cursor", "/dialogs?before=abc", anna.token(), 400, "cursor"));

        String readAnna = "/dialog/" + anna.id() + "/read";
        c.add(json("read: another conversation's message", "POST", readAnna, carl.token(), upTo(annaToBoris), 404,
                "no message"));
        c.add(json("read: your own message", "POST", "/dialog/" + boris.id() + "/read", anna.token(),
                upTo(annaToBoris), 404, "no message"));
        c.add(json("read: up_to not an id", "POST", readAnna, boris.token(), upTo("latest"), 400, "up_to"));
        c.add(json("read: no token", "POST", readAnna, null, upTo(annaToBoris), 401, "bearer token"));
        return c;
    }

    private static Case json(String name, String method, String path, String token, String body, int status,
            String says) {
        return raw(name, method, path, token, JSON_TYPE, bytes(body), status, says);
    }

    private static Case raw(String name, String method, String path, String token, String type, byte[] body,
            int status, String says) {
        return new Case(name, method, path, token, type, body, Map.of(), status, says);
    }

    private static Case get(String name, String path, String token, int status, String says) {
        return new Case(name, "GET", path, token, null, null, Map.of(), status, says);
    }

    private static String validUser(String firstName, String secondName) {
        return """
                {"first_name": "%s", "second_name": "%s", "birthdate": "1990-01-02", "biography": "Reads",
                 "city": "Kazan", "password": "long-enough-1"}""".formatted(firstName, secondName);
    }

    private static String login(String id) {
        return "{\"id\": \"" + id + "\", \"password\": \"anna-secret-1\"}";
    }

    private static String text(String text) {
        return JSON.writeValueAsString(Map.of("text", text));
    }

    private static String upTo(String id) {
        return "{\"up_to\": \"" + id + "\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code json} with a byte sequence that is not UTF-8 (0xC3 0x28) inside its first string value. */
    private static byte[] invalidUtf8(String json) {
        byte[] valid = bytes(json);
        int firstQuoteOfValue = json.indexOf(": \"") + 3;
        byte[] broken = new byte[valid.length + 2];
        System.arraycopy(valid, 0, broken, 0, firstQuoteOfValue);
        broken[firstQuoteOfValue] = (byte) 0xC3;
        broken[firstQuoteOfValue + 1] = (byte) 0x28;
        System.arraycopy(valid, firstQuoteOfValue, broken, firstQuoteOfValue + 2, valid.length - firstQuoteOfValue);
        return broken;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
