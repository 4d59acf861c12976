package org.dialogs.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every shipped version of one event's schema, read from {@code avro/<event>/v1.avsc, v2.avsc, ...} on the
 * classpath, so a reader can decode data written with any of them.
 */
public final class SchemaHistory {

    private final String event;
    private final List<Schema> versions;

    private SchemaHistory(String event, List<Schema> versions) {
        this.event = event;
        this.versions = List.copyOf(versions);
    }

    /** All versions of {@code event} (for example {@code send-message}), oldest first; fails if there is none. */
    public static SchemaHistory of(String event) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = "avro/" + event + "/v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + path, e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no schema version of '" + event + "' on the classpath under avro/" + event);
        }
        return new SchemaHistory(event, versions);
    }

    /** The versions, oldest first. */
    public List<Schema> versions() {
        return versions;
    }

    /** A store that resolves the fingerprint of every version. */
    public SchemaStore store() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        versions.forEach(store::addSchema);
        return store;
    }

    @Override
    public String toString() {
        return event + " v1..v" + versions.size();
    }
}
