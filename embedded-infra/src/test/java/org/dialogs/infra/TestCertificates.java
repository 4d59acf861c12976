package org.dialogs.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A certificate authority and a server certificate for {@code localhost}, made with {@code openssl} at test time
 * and readable by the user PostgreSQL runs as; nothing secret is ever committed.
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    /** Makes the CA and a server certificate whose only name is {@code DNS:<host>}, in {@code folder}. */
    static TestCertificates make(Path folder, String host) {
        try {
            Files.createDirectories(folder);
            openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=dialogs test CA", "-keyout", "ca.key", "-out", "ca.crt",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
            openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + host,
                    "-keyout", "server.key", "-out", "server.csr");
            Files.writeString(folder.resolve("server.ext"), "subjectAltName=DNS:" + host + "\n");
            openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
            ServerUser.forThisProcess().own(folder);
            // PostgreSQL refuses a key that others can read.
            Files.setPosixFilePermissions(folder.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            return new TestCertificates(folder.resolve("ca.crt"), folder.resolve("server.crt"),
                    folder.resolve("server.key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test certificates in " + folder, e);
        }
    }

    private static void openssl(Path folder, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
