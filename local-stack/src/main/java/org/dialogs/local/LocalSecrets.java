package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets the embedded default generates once and keeps in {@code <data-dir>/secrets}, readable by this
 * user only, so a restart on the same data folder keeps users' tokens and the operator password valid.
 */
final class LocalSecrets {

    static final String TOKEN_SECRET = "api-gateway-token-secret";
    static final String OPERATOR_PASSWORD = "operator-password";

    private final Path folder;
    private final SecureRandom random;

    LocalSecrets(Path dataDir, SecureRandom random) {
        this.folder = dataDir.resolve("secrets");
        this.random = random;
    }

    /** The secret kept as {@code name}, made of {@code bytes} random bytes the first time it is asked for. */
    String get(String name, int bytes) {
        Path file = file(name);
        try {
            if (!Files.exists(file)) {
                create(file, bytes);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret " + file, e);
        }
    }

    Path file(String name) {
        return folder.resolve(name);
    }

    private void create(Path file, int bytes) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        // written whole under another name, then moved: a crash never leaves a half-written secret
        Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, Base64.getUrlEncoder().withoutPadding().encodeToString(value) + "\n");
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
