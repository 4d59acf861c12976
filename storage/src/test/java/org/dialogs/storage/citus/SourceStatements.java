package org.dialogs.storage.citus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL constants of the classes that run the hot paths, read from their source files in this repository, so
 * a test checks the statements as they are, not copies (the services depend on this module, not the other way).
 */
final class SourceStatements {

    private SourceStatements() {
    }

    /** The string constant {@code name} of {@code classFile} (relative to the repository root). */
    static String constant(String classFile, String name) {
        String source = read(classFile);
        Matcher block = Pattern.compile(Pattern.quote(name) + "\\s*=\\s*\"\"\"\\n(.*?)\"\"\";", Pattern.DOTALL)
                .matcher(source);
        if (block.find()) {
            return block.group(1).stripIndent();
        }
        Matcher line = Pattern.compile(Pattern.quote(name) + "\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\";").matcher(source);
        if (line.find()) {
            return line.group(1);
        }
        throw new IllegalStateException("no string constant " + name + " in " + classFile);
    }

    private static String read(String classFile) {
        // tests run in the module's folder; the repository root is its parent
        Path file = Path.of("..").resolve(classFile);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }
}
