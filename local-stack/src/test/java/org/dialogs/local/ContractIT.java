package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.dialogs.gateway.ApiGatewayApplication;
import org.dialogs.infra.KafkaKraftBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives every answer of every operation of the public OTUS contract through real HTTP, and checks the status,
 * the body against the contract's schema, and {@code Retry-After} where it documents one. The 503 answers come
 * from two more gateways of the same build: one whose Kafka is gone, one whose database is gone. The contract's
 * 500 cannot be provoked from outside without a fault in the service itself, so it is the one answer not driven.
 */
class ContractIT {

    private static final ReferenceContract CONTRACT = ReferenceContract.load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningStack running;
    private static ConfigurableApplicationContext kafkaDown;
    private static ConfigurableApplicationContext databaseDown;
    private static Api api;
    private static Api withoutKafka;
    private static Api withoutDatabase;
    private static Api.User anna;
    private static Api.User boris;

    @BeforeAll
    static void start() {
        running = RunningStack.start();
        api = new Api(running.gateway());
        String deadPort = Integer.toString(KafkaKraftBroker.freePort());
        kafkaDown = gateway("127.0.0.1:" + deadPort, running.stack.jdbcUrl());
        databaseDown = gateway(running.stack.bootstrapServers(), "jdbc:postgresql://127.0.0.1:" + deadPort + "/x");
        withoutKafka = new Api(url(kafkaDown));
        withoutDatabase = new Api(url(databaseDown));
        anna = api.registerAndLogin("Anna", "anna-secret-1");
        boris = api.registerAndLogin("Boris", "boris-secret-1");
        api.send(anna, boris, "Hello, Boris");
    }

    @AfterAll
    static void stop() throws Exception {
        kafkaDown.close();
        databaseDown.close();
        running.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedAnswer_isGiven_inTheDocumentedShape() {
        Map<ReferenceContract.Answer, Supplier<HttpResponse<String>>> scenarios = scenarios();
        return CONTRACT.answers().stream()
                .filter(answer -> !answer.status().equals("500"))
                .map(answer -> DynamicTest.dynamicTest(answer.toString(), () -> {
                    assertThat(scenarios).as("a scenario for %s", answer).containsKey(answer);
                    check(answer, scenarios.get(answer).get());
                }));
    }

    @Test
    void servedOpenApi_hasEveryContractOperation_withItsParameters() {
        JsonNode served = Api.ok(api.get("/v3/api-docs", null));
        for (ReferenceContract.Answer answer : CONTRACT.answers()) {
            JsonNode operation = served.get("paths").get(answer.path()).get(answer.method().toLowerCase());
            assertThat(operation).as("%s %s in /v3/api-docs", answer.method(), answer.path()).isNotNull();
            for (String in : List.of("path", "query")) {
                List<String> ours = operation.has("parameters") ? operation.get("parameters").valueStream()
                        .filter(p -> p.get("in").asString().equals(in)).map(p -> p.get("name").asString())
                        .toList() : List.of();
                assertThat(ours).as("%s parameters of %s", in, answer).containsAll(
                        CONTRACT.parameters(answer.method(), answer.path(), in));
            }
            assertThat(operation.has("security")).as("bearer security of %s", answer)
                    .isEqualTo(CONTRACT.secured(answer.method(), answer.path()));
        }
        assertThat(api.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    private static Map<ReferenceContract.Answer, Supplier<HttpResponse<String>>> scenarios() {
        Map<ReferenceContract.Answer, Supplier<HttpResponse<String>>> s = new HashMap<>();
        String register = "/user/register";
        String newUser = """
                {"first_name": "Вера", "second_name": "Контрактова", "birthdate": "2001-02-03",
                 "biography": "Хобби: тесты", "city": "Москва", "password": "vera-secret"}""";
        s.put(answer("POST", register, "200"), () -> api.post(register, null, newUser));
        s.put(answer("POST", register, "400"), () -> api.post(register, null, "{\"first_name\": \"Vera\"}"));
        s.put(answer("POST", register, "503"), () -> withoutDatabase.post(register, null, newUser));

        String login = "/login";
        String annaLogin = "{\"id\": \"" + anna.id() + "\", \"password\": \"anna-secret-1\"}";
        s.put(answer("POST", login, "200"), () -> api.post(login, null, annaLogin));
        s.put(answer("POST", login, "400"), () -> api.post(login, null,
                "{\"id\": \"" + anna.id() + "\", \"password\": \"not-her-password\"}"));
        s.put(answer("POST", login, "404"), () -> api.post(login, null,
                "{\"id\": \"987654321\", \"password\": \"whatever-1\"}"));
        s.put(answer("POST", login, "503"), () -> withoutDatabase.post(login, null, annaLogin));

        String get = "/user/get/{id}";
        s.put(answer("GET", get, "200"), () -> api.get("/user/get/" + anna.id(), null));
        s.put(answer("GET", get, "400"), () -> api.get("/user/get/anna", null));
        s.put(answer("GET", get, "404"), () -> api.get("/user/get/987654321", null));
        s.put(answer("GET", get, "503"), () -> withoutDatabase.get("/user/get/" + anna.id(), null));

        String search = "/user/search";
        String annaSearch = "/user/search?first_name=an&last_name=TEST";
        s.put(answer("GET", search, "200"), () -> api.get(annaSearch, null));
        s.put(answer("GET", search, "400"), () -> api.get("/user/search?first_name=an", null));
        s.put(answer("GET", search, "503"), () -> withoutDatabase.get(annaSearch, null));

        String send = "/dialog/{user_id}/send";
        String toBoris = "/dialog/" + boris.id() + "/send";
        s.put(answer("POST", send, "200"), () -> api.post(toBoris, anna.token(), "{\"text\": \"Как дела?\"}"));
        s.put(answer("POST", send, "400"), () -> api.post(toBoris, anna.token(), "{\"text\": \"   \"}"));
        s.put(answer("POST", send, "401"), () -> api.post(toBoris, null, "{\"text\": \"hi\"}"));
        s.put(answer("POST", send, "503"), () -> withoutKafka.post(toBoris, anna.token(), "{\"text\": \"hi\"}"));

        String list = "/dialog/{user_id}/list";
        String withBoris = "/dialog/" + boris.id() + "/list";
        s.put(answer("GET", list, "200"), () -> api.get(withBoris, anna.token()));
        s.put(answer("GET", list, "400"), () -> api.get("/dialog/boris/list", anna.token()));
        s.put(answer("GET", list, "401"), () -> api.get(withBoris, "v1.1.1.forged"));
        s.put(answer("GET", list, "503"), () -> withoutDatabase.get(withBoris, anna.token()));
        return s;
    }

    private static void check(ReferenceContract.Answer answer, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", answer, response.body())
                .isEqualTo(Integer.parseInt(answer.status()));
        JsonNode body = JSON.readTree(response.body());
        JsonNode schema = CONTRACT.bodySchema(answer);
        if (schema != null) {
            assertThat(CONTRACT.violations(body, schema, "body")).as("%s", answer).isEmpty();
        }
        if (!answer.status().startsWith("2")) {
            // the contract's error body, given for every error (it documents it for 5xx)
            assertThat(body.get("message").asString()).as("message of %s", answer).isNotBlank();
            assertThat(body.get("request_id").isString()).as("request_id of %s", answer).isTrue();
            assertThat(body.get("code").asInt()).as("code of %s", answer).isEqualTo(response.statusCode());
        }
        if (CONTRACT.documentsHeader(answer, "Retry-After")) {
            assertThat(response.headers().firstValue("Retry-After")).as("Retry-After of %s", answer)
                    .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isPositive());
        }
    }

    private static ReferenceContract.Answer answer(String method, String path, String status) {
        return new ReferenceContract.Answer(method, path, status);
    }

    private static ConfigurableApplicationContext gateway(String bootstrapServers, String jdbcUrl) {
        return ApiGatewayApplication.application().registerShutdownHook(false).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.flyway.enabled=false",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.datasource.url=" + jdbcUrl);
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
