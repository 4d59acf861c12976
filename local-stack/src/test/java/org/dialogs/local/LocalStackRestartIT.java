package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded default restarted on the same data folder, with no secret configured: it keeps the secrets it
 * generated there (owner-only files), so users' tokens and the operator password stay valid.
 */
class LocalStackRestartIT {

    private static final String TOKEN_SECRET_PROPERTY = "api-gateway.token-secret";

    private Path folder;
    private String explicitSecret;

    @BeforeEach
    void withoutAConfiguredSecret() {
        folder = RunningStack.newFolder();
        // RunningStack configures one for every other test in this JVM; this one is about the generated one
        explicitSecret = System.clearProperty(TOKEN_SECRET_PROPERTY);
    }

    @AfterEach
    void restoreTheSecret() {
        if (explicitSecret != null) {
            System.setProperty(TOKEN_SECRET_PROPERTY, explicitSecret);
        }
        FileSystemUtils.deleteRecursively(folder.toFile());
    }

    @Test
    void restartOnTheSameDataFolder_keepsUserTokensAndTheOperatorPassword_inOwnerOnlyFiles() throws Exception {
        Api.User alice;
        Api.User bob;
        String password;
        try (RunningStack first = RunningStack.startOn(folder)) {
            Api api = new Api(first.gateway());
            alice = api.registerAndLogin("Alisa", "alisa-secret-1");
            bob = api.registerAndLogin("Boris", "boris-secret-1");
            password = first.stack.operatorPassword();
            Path passwordFile = folder.resolve("secrets").resolve("operator-password");
            assertThat(first.stack.operatorPasswordSource()).as("where the start says the password is")
                    .isEqualTo(passwordFile.toAbsolutePath().toString());
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
        }

        try (RunningStack second = RunningStack.startOn(folder)) {
            assertThat(second.stack.operatorPassword()).isEqualTo(password);
            assertThat(new Api(second.gateway()).get("/dialog/" + bob.id() + "/list", alice.token()).statusCode())
                    .as("a token from before the restart").isEqualTo(200);
            String basic = "Basic " + Base64.getEncoder().encodeToString(("operator:" + password)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(new Api(second.stack.url("spam-detector")).call("GET", "/ops/api/rules", basic, null, null,
                    Map.of()).statusCode()).as("the operator password from before the restart").isEqualTo(200);
        }
        Path secrets = folder.resolve("secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        try (var files = Files.list(secrets)) {
            assertThat(files.toList()).hasSize(2).allSatisfy(file -> assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
        }
    }
}
