package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void get_firstTime_keepsANewSecretInAnOwnerOnlyFile_andReturnsItAgainLater() throws Exception {
        String first = new LocalSecrets(dataDir, new SecureRandom()).get(LocalSecrets.TOKEN_SECRET, 32);
        String again = new LocalSecrets(dataDir, new SecureRandom()).get(LocalSecrets.TOKEN_SECRET, 32);

        assertThat(first).hasSize(43).isEqualTo(again);
        Path file = dataDir.resolve("secrets").resolve(LocalSecrets.TOKEN_SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void get_eachName_isASecretOfItsOwn() {
        LocalSecrets secrets = new LocalSecrets(dataDir, new SecureRandom());

        assertThat(secrets.get(LocalSecrets.OPERATOR_PASSWORD, 12)).hasSize(16)
                .isNotEqualTo(secrets.get(LocalSecrets.TOKEN_SECRET, 32));
    }

    @Test
    void get_aSecretAnOperatorWroteThere_isUsedAsWritten() throws Exception {
        Files.createDirectories(dataDir.resolve("secrets"));
        Files.writeString(dataDir.resolve("secrets").resolve(LocalSecrets.OPERATOR_PASSWORD), "chosen-one\n");

        assertThat(new LocalSecrets(dataDir, new SecureRandom()).get(LocalSecrets.OPERATOR_PASSWORD, 12))
                .isEqualTo("chosen-one");
    }
}
