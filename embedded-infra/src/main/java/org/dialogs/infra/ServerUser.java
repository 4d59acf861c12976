package org.dialogs.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system user PostgreSQL runs as. PostgreSQL refuses to run as root, so when this JVM is root
 * (containers, CI) the server runs as {@code nobody} through {@code setpriv}; otherwise as the current user.
 * Public for test fixtures that run other PostgreSQL managers (Patroni) the same way.
 */
public final class ServerUser {

    private static final String UNPRIVILEGED = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final boolean dropsPrivileges;

    private ServerUser(boolean dropsPrivileges) {
        this.dropsPrivileges = dropsPrivileges;
    }

    public static ServerUser forThisProcess() {
        return new ServerUser("root".equals(System.getProperty("user.name")));
    }

    /** {@code command} as this user runs it. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>();
        if (dropsPrivileges) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED_GROUP,
                    "--clear-groups", "--"));
        }
        full.addAll(command);
        return full;
    }

    /** Hands {@code folder} and everything in it to this user, and checks that the user can reach it. */
    public void own(Path folder) {
        if (!dropsPrivileges) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            var lookup = folder.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
            for (Path path : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
            Process check = new ProcessBuilder(command(List.of("test", "-w", folder.toString())))
                    .inheritIO().start();
            if (check.waitFor() != 0) {
                throw new IllegalStateException("running as root, so PostgreSQL runs as '" + UNPRIVILEGED
                        + "', who cannot reach " + folder + ": choose a data folder outside root's home");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + folder + " to " + UNPRIVILEGED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
