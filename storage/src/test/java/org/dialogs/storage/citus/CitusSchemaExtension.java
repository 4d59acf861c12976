package org.dialogs.storage.citus;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated schema of its own on the Citus cluster for one test class: made before the class, dropped after it;
 * each test is skipped, saying why, when there is no cluster. Use as
 * {@code @RegisterExtension static final CitusSchemaExtension citus = new CitusSchemaExtension();}.
 */
public final class CitusSchemaExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private CitusSchema schema;

    @Override
    public void beforeAll(ExtensionContext context) {
        CitusCluster cluster = CitusCluster.orNull();
        if (cluster != null) {
            schema = CitusSchema.create(cluster);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CitusCluster.assumeAvailable();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }

    /** The schema of the running test class. */
    public CitusSchema schema() {
        return schema;
    }
}
