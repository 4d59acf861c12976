package org.dialogs.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Registers and logs in the load's users through the public API, before the load starts. */
final class LoadUsers {

    /** A registered user and its token. */
    record User(String id, String token) {
    }

    private static final Pattern USER_ID = Pattern.compile("\"user_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "load-test-password";
    // registering and logging in hash passwords (bcrypt): a few at a time is what the gateway's cores allow
    private static final int PARALLEL = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    LoadUsers(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    List<User> register(int count) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<User>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> registerOne(n)));
            }
            List<User> users = new ArrayList<>(count);
            for (Future<User> f : futures) {
                users.add(f.get());
            }
            return users;
        } catch (Exception e) {
            throw new IllegalStateException("could not register the load's users at " + baseUrl + ": " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private User registerOne(int n) throws IOException, InterruptedException {
        String id = field(USER_ID, post("/user/register", """
                {"first_name":"Load","second_name":"Tester","birthdate":"1990-01-01","city":"Loadtown",\
                "biography":"load test user %d","password":"%s"}""".formatted(n, PASSWORD)));
        String token = field(TOKEN, post("/login", """
                {"id":"%s","password":"%s"}""".formatted(id, PASSWORD)));
        return new User(id, token);
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(Pattern pattern, String body) throws IOException {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected answer: " + body);
        }
        return m.group(1);
    }
}
