package org.dialogs.spam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.dialogs.spam.SpamDetectorProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OpsWriterLatencyControllerTest {

    private HttpServer writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop(0);
        }
    }

    @Test
    void writerLatency_noUrlSet_isHidden() {
        OpsWriterLatencyController.LatencyView view = controller(Map.of()).writerLatency();

        assertThat(view.shown()).isFalse();
    }

    @Test
    void writerLatency_writerServesTheHistogram_givesP50AndP99InMilliseconds() throws IOException {
        String url = serve(200, PrometheusHistogramTest.EXPOSITION);

        OpsWriterLatencyController.LatencyView view = controller(
                Map.of("spam-detector.dashboard.writer-metrics-url", url)).writerLatency();

        assertThat(view.shown()).isTrue();
        assertThat(view.messages()).isEqualTo(100);
        assertThat(view.p50Ms()).isCloseTo(28.0, within(1e-9));
        assertThat(view.p99Ms()).isCloseTo(910.0, within(1e-9));
        assertThat(view.message()).isNull();
    }

    @Test
    void writerLatency_writerAnswersAnError_saysSo() throws IOException {
        String url = serve(503, "down");

        OpsWriterLatencyController.LatencyView view = controller(
                Map.of("spam-detector.dashboard.writer-metrics-url", url)).writerLatency();

        assertThat(view.shown()).isTrue();
        assertThat(view.p99Ms()).isNull();
        assertThat(view.message()).contains("HTTP 503");
    }

    private String serve(int status, String body) throws IOException {
        writer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        writer.createContext("/actuator/prometheus", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        writer.start();
        return "http://127.0.0.1:" + writer.getAddress().getPort() + "/actuator/prometheus";
    }

    private static OpsWriterLatencyController controller(Map<String, String> settings) {
        SpamDetectorProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("spam-detector", SpamDetectorProperties.class);
        return new OpsWriterLatencyController(properties);
    }
}
