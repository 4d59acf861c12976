package org.dialogs.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the public REST API over real HTTP, as any user of the service would call it. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    /** The base URL this client calls. */
    String base() {
        return base;
    }

    /** A user registered and logged in. */
    record User(String id, String token) {
    }

    User registerAndLogin(String firstName, String password) {
        JsonNode registered = ok(post("/user/register", null, """
                {"first_name": "%s", "second_name": "Testova", "birthdate": "1995-03-04", "city": "Kazan",
                 "password": "%s"}""".formatted(firstName, password)));
        String id = registered.get("user_id").asString();
        JsonNode login = ok(post("/login", null, """
                {"id": "%s", "password": "%s"}""".formatted(id, password)));
        return new User(id, login.get("token").asString());
    }

    String send(User from, User to, String text) {
        return ok(post("/dialog/" + to.id() + "/send", from.token(),
                JSON.writeValueAsString(Map.of("text", text)))).get("id").asString();
    }

    JsonNode list(User caller, User peer) {
        return ok(get("/dialog/" + peer.id() + "/list", caller.token()));
    }

    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    /** Any request: {@code body} as raw bytes (null: none), with the given content type and extra headers. */
    HttpResponse<String> call(String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
