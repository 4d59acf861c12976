package org.dialogs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flood benchmark's traffic over the gateway's REST API, an open model: every send leaves at its scheduled
 * time whatever earlier sends are still waiting for, normal senders in turn at a constant total rate, each to
 * the next one, and from {@code floodAt} one flooder at its own rate to one victim.
 */
final class FloodTraffic {

    /** A registered, logged-in user. */
    record User(long id, String token) {
    }

    private static final Pattern USER_ID = Pattern.compile("\"user_id\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    final Queue<FloodSend> normalSends = new ConcurrentLinkedQueue<>();
    final AtomicInteger flooderOk = new AtomicInteger();
    final AtomicInteger flooderThrottled = new AtomicInteger();
    final AtomicInteger flooderOther = new AtomicInteger();
    final AtomicInteger normalInFlight = new AtomicInteger();

    FloodTraffic(String gateway) {
        this.gateway = gateway;
    }

    User register(String name, String password) throws IOException, InterruptedException {
        String registered = post("/user/register", null, """
                {"first_name": "%s", "second_name": "Benchova", "birthdate": "1995-03-04", "city": "Kazan",
                 "password": "%s"}""".formatted(name, password));
        long id = Long.parseLong(find(USER_ID, registered));
        String login = post("/login", null, "{\"id\": \"%d\", \"password\": \"%s\"}".formatted(id, password));
        return new User(id, find(TOKEN, login));
    }

    /**
     * Sends for {@code seconds} from {@code startMillis}: {@code rate} normal messages a second in all, and from
     * {@code floodAtMillis} {@code floodRate} a second from the flooder; hands each normal send that was
     * answered 200 to {@code accepted}.
     */
    void run(List<User> normal, User flooder, User victim, double rate, double floodRate, long startMillis,
            long floodAtMillis, long endMillis, Consumer<FloodSend> accepted) {
        long normalCount = 0;
        long floodCount = 0;
        while (true) {
            long nextNormal = startMillis + Math.round(normalCount * 1000 / rate);
            long nextFlood = floodAtMillis + Math.round(floodCount * 1000 / floodRate);
            long next = Math.min(nextNormal, nextFlood);
            if (next >= endMillis) {
                return;
            }
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                LockSupport.parkNanos(wait * 1_000_000);
            }
            if (nextNormal <= nextFlood) {
                int from = (int) (normalCount++ % normal.size());
                sendNormal(normal.get(from), normal.get((from + 1) % normal.size()), nextNormal, accepted);
            } else {
                floodCount++;
                sendFlood(flooder, victim);
            }
        }
    }

    private void sendNormal(User from, User to, long dueMillis, Consumer<FloodSend> accepted) {
        FloodSend send = new FloodSend(from.id(), dueMillis);
        normalSends.add(send);
        normalInFlight.incrementAndGet();
        http.sendAsync(request(from, to, "normal " + dueMillis), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    normalInFlight.decrementAndGet();
                    send.status = error != null ? -1 : response.statusCode();
                    if (send.status == 200) {
                        send.id = UUID.fromString(find(MESSAGE_ID, response.body()));
                        accepted.accept(send);
                    }
                });
    }

    private void sendFlood(User flooder, User victim) {
        http.sendAsync(request(flooder, victim, "flood"), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    int status = error != null ? -1 : response.statusCode();
                    (status == 200 ? flooderOk : status == 429 ? flooderThrottled : flooderOther).incrementAndGet();
                });
    }

    private HttpRequest request(User from, User to, String text) {
        return HttpRequest.newBuilder(URI.create(gateway + "/dialog/" + to.id() + "/send"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + from.token())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}")).build();
    }

    private String post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(token == null ? request.build()
                : request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return m.group(1);
    }
}
