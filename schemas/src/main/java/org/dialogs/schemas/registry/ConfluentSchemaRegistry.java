package org.dialogs.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.UnknownSchemaIdException;
import org.dialogs.schemas.WriterSchemas;

/**
 * A schema registry spoken to through Confluent's REST API ({@code GET /schemas/ids/{id}}, {@code POST
 * /subjects/{subject}/versions}, {@code PUT /config/{subject}}), as Confluent's registry and Apicurio's
 * {@code /apis/ccompat/v7} serve it. Only a 404 makes an id unknown; any other failure means the registry is
 * unavailable.
 */
public final class ConfluentSchemaRegistry implements WriterSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** A registry at {@code base} (for Apicurio: {@code http://host:8080/apis/ccompat/v7}). */
    public ConfluentSchemaRegistry(URI base, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Schema byId(int id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("schemas/ids/" + id)).GET());
        if (response.statusCode() == 404) {
            throw new UnknownSchemaIdException("schema id " + id + " is not registered in the schema registry at "
                    + base + " (" + response.body().strip() + ")");
        }
        JsonNode body = ok(response, "GET schemas/ids/" + id);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new UnknownSchemaIdException("schema id " + id + " is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new UnknownSchemaIdException("schema id " + id + " is no valid Avro schema: " + e.getMessage());
        }
    }

    /** Registers {@code schema} under {@code subject} (again, if it is there: the registry keeps one id); its id. */
    public int register(String subject, Schema schema) {
        String body = json(Map.of("schema", schema.toString()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)));
        return ok(response, "POST subjects/" + subject + "/versions").path("id").asInt();
    }

    /** Sets the compatibility rule that every new version of {@code subject} must keep. */
    public void requireCompatibility(String subject, String level) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("config/" + subject))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("compatibility", level)))));
        ok(response, "PUT config/" + subject);
    }

    /**
     * Registers every shipped version, oldest first, under {@code subject}, with the rule the versions keep among
     * themselves ({@code BACKWARD_TRANSITIVE}: each reads data written by every older one); the ids, oldest first.
     */
    public List<Integer> registerAll(String subject, List<Schema> versions) {
        int first = register(subject, versions.get(0));
        requireCompatibility(subject, "BACKWARD_TRANSITIVE");
        List<Integer> ids = new java.util.ArrayList<>(List.of(first));
        versions.subList(1, versions.size()).forEach(v -> ids.add(register(subject, v)));
        return ids;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        try {
            return http.send(request.timeout(timeout).header("Accept", CONTENT_TYPE).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException("schema registry unreachable at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while asking the schema registry " + uri, e);
        }
    }

    private static JsonNode ok(HttpResponse<String> response, String call) {
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryUnavailableException("schema registry answered " + call + " with "
                    + response.statusCode() + ": " + response.body().strip(), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException("schema registry answered " + call + " with no JSON: "
                    + response.body().strip(), e);
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "schema registry at " + base;
    }
}
