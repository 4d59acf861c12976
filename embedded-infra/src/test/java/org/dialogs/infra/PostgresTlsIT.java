package org.dialogs.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The services' database connections with {@code sslmode=verify-full}, as docker-compose.yml configures them,
 * against a PostgreSQL started with {@code ssl=on} and a certificate signed by a CA made for this test.
 */
class PostgresTlsIT {

    private static Path folder;
    private static TestCertificates certificates;
    private static PostgresServer server;

    @BeforeAll
    static void startWithTls() throws Exception {
        folder = Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("dialogs-tls-" + ProcessHandle.current().pid());
        certificates = TestCertificates.make(folder.resolve("certs"), "localhost");
        server = PostgresServer.start(folder.resolve("pg"), 0, Map.of(
                "ssl", "on",
                "ssl_cert_file", certificates.serverCertificate().toString(),
                "ssl_key_file", certificates.serverKey().toString()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    @Test
    void verifyFull_byTheCertificatesHostName_connectsOverTls() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("localhost"), PostgresServer.USER, "");
             ResultSet ssl = c.createStatement().executeQuery(
                     "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).isTrue();
            assertThat(ssl.getString("version")).startsWith("TLSv1.");
        }
    }

    @Test
    void verifyFull_byAnotherNameOfTheSameServer_isRefused() {
        // 127.0.0.1 reaches the same server, but the certificate names only localhost.
        assertThatThrownBy(() -> DriverManager.getConnection(url("127.0.0.1"), PostgresServer.USER, "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void verifyFull_trustingAnotherCa_isRefused() {
        TestCertificates stranger = TestCertificates.make(folder.resolve("other-ca"), "localhost");
        String trustingTheStranger = url("localhost").replace(certificates.caCertificate().toString(),
                stranger.caCertificate().toString());
        assertThatThrownBy(() -> DriverManager.getConnection(trustingTheStranger, PostgresServer.USER, "").close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("PKIX path");
    }

    private static String url(String host) {
        return "jdbc:postgresql://" + host + ":" + server.port() + "/postgres?sslmode=verify-full&sslrootcert="
                + certificates.caCertificate();
    }
}
