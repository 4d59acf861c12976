package org.dialogs.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public OTUS contract we are compatible with ({@code contract/otus-highload-openapi-1.2.0-dialogs.json}),
 * and a check of real answers against its schemas.
 */
final class ReferenceContract {

    static final String RESOURCE = "/contract/otus-highload-openapi-1.2.0-dialogs.json";

    /** One documented answer of one operation. */
    record Answer(String method, String path, String status) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    private final JsonNode document;

    private ReferenceContract(JsonNode document) {
        this.document = document;
    }

    static ReferenceContract load() {
        try (InputStream in = ReferenceContract.class.getResourceAsStream(RESOURCE)) {
            return new ReferenceContract(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every (method, path, status) the contract documents. */
    List<Answer> answers() {
        List<Answer> answers = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").propertyNames().forEach(status -> answers.add(
                        new Answer(operation.getKey().toUpperCase(), path.getKey(), status)))));
        return answers;
    }

    /** The names of the parameters an operation takes in {@code in} (path, query). */
    List<String> parameters(String method, String path, String in) {
        List<String> names = new ArrayList<>();
        JsonNode parameters = operation(method, path).get("parameters");
        if (parameters != null) {
            parameters.forEach(p -> {
                if (p.get("in").asString().equals(in)) {
                    names.add(p.get("name").asString());
                }
            });
        }
        return names;
    }

    /** Whether the contract requires a bearer token for the operation. */
    boolean secured(String method, String path) {
        return operation(method, path).has("security");
    }

    /** The schema of the JSON body of an answer, or null when the contract gives none. */
    JsonNode bodySchema(Answer answer) {
        JsonNode response = resolve(operation(answer.method(), answer.path()).get("responses").get(answer.status()));
        JsonNode content = response.get("content");
        return content == null ? null : content.get("application/json").get("schema");
    }

    /** Whether the contract documents a header on an answer. */
    boolean documentsHeader(Answer answer, String header) {
        JsonNode response = resolve(operation(answer.method(), answer.path()).get("responses").get(answer.status()));
        return response.has("headers") && response.get("headers").has(header);
    }

    /** Every way {@code value} departs from {@code schema}; empty when it conforms. */
    List<String> violations(JsonNode value, JsonNode schema, String where) {
        List<String> problems = new ArrayList<>();
        check(value, resolve(schema), where, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        String type = schema.has("type") ? schema.get("type").asString() : "object";
        boolean ok = switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "array" -> value.isArray();
            default -> value.isObject();
        };
        if (!ok) {
            problems.add(where + " should be " + type + ", is " + value);
            return;
        }
        if (type.equals("array")) {
            int i = 0;
            for (JsonNode item : value) {
                check(item, resolve(schema.get("items")), where + "[" + i++ + "]", problems);
            }
        } else if (type.equals("object")) {
            checkObject(value, schema, where, problems);
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (schema.has("required")) {
            schema.get("required").forEach(name -> {
                if (!value.has(name.asString())) {
                    problems.add(where + " lacks required field " + name.asString());
                }
            });
        }
        if (schema.has("properties")) {
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                JsonNode field = value.get(property.getKey());
                if (field != null) {
                    check(field, resolve(property.getValue()), where + "." + property.getKey(), problems);
                }
            }
        }
    }

    private JsonNode operation(String method, String path) {
        return document.get("paths").get(path).get(method.toLowerCase());
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            Iterator<String> steps = List.of(current.get("$ref").asString().substring(2).split("/")).iterator();
            JsonNode target = document;
            while (steps.hasNext()) {
                target = target.get(steps.next());
            }
            current = target;
        }
        return current;
    }
}
