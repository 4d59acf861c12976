package org.dialogs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

/** A whole local stack on free ports in a fresh temporary folder, removed again on close. */
final class RunningStack implements AutoCloseable {

    final LocalStack stack;
    private final Path folder;

    private RunningStack(LocalStack stack, Path folder) {
        this.stack = stack;
        this.folder = folder;
    }

    static RunningStack start() {
        try {
            // world-traversable: when tests run as root, PostgreSQL runs as 'nobody' inside it
            Path folder = Files.createTempDirectory("dialogs-it",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            LocalStackOptions options = LocalStackOptions.defaults(Map.of()).withDataDir(folder).withFreePorts();
            return new RunningStack(LocalStack.start(options), folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String gateway() {
        return stack.url("api-gateway");
    }

    @Override
    public void close() throws IOException {
        stack.close();
        FileSystemUtils.deleteRecursively(folder);
    }
}
