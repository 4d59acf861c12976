package org.dialogs.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.dialogs.schemas.SchemaHistory;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.UnknownSchemaIdException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client reads a registry's answers over real HTTP, from a loopback server that answers as a registry
 * would for each case (the real registry is in ConfluentProducerIT): only a 404 makes an id unknown.
 */
class ConfluentSchemaRegistryTest {

    private static final Schema SHIPPED = SchemaHistory.of("send-message").versions().get(0);

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void byId_registeredAvroSchema_isIt() throws IOException {
        String body = new ObjectMapper().writeValueAsString(java.util.Map.of("schema", SHIPPED.toString()));

        assertThat(registryAnswering(200, body).byId(1)).isEqualTo(SHIPPED);
    }

    @Test
    void byId_404_isUnknownId() throws IOException {
        assertThatThrownBy(() -> registryAnswering(404, "{\"error_code\":40403}").byId(3))
                .isInstanceOf(UnknownSchemaIdException.class).hasMessageContaining("schema id 3 is not registered");
    }

    @Test
    void byId_protobufSchema_isUnknownAsAvro() throws IOException {
        assertThatThrownBy(() -> registryAnswering(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"x\"}").byId(3))
                .isInstanceOf(UnknownSchemaIdException.class).hasMessageContaining("PROTOBUF schema, not Avro");
    }

    @Test
    void byId_serverError_isUnavailable() throws IOException {
        assertThatThrownBy(() -> registryAnswering(500, "{\"error_code\":50001}").byId(3))
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("500");
    }

    @Test
    void byId_nobodyListening_isUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ConfluentSchemaRegistry registry = new ConfluentSchemaRegistry(
                URI.create("http://127.0.0.1:" + closed + "/apis/ccompat/v7"), Duration.ofSeconds(1));

        assertThatThrownBy(() -> registry.byId(1))
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("unreachable");
    }

    private ConfluentSchemaRegistry registryAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new ConfluentSchemaRegistry(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/apis/ccompat/v7"), Duration.ofSeconds(2));
    }
}
