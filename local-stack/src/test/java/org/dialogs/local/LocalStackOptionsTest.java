package org.dialogs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void schemaRegistry_isOffByDefault() {
        assertThat(LocalStackOptions.parse(new String[0], Map.of()).schemaRegistry()).isEqualTo("off");
    }

    @Test
    void schemaRegistry_embeddedOrAUrl_fromTheCommandLineOrTheEnvironment() {
        assertThat(LocalStackOptions.parse(new String[] {"--schema-registry=embedded"}, Map.of()).schemaRegistry())
                .isEqualTo(LocalStackOptions.EMBEDDED_REGISTRY);
        assertThat(LocalStackOptions.parse(new String[0],
                Map.of("DIALOGS_SCHEMA_REGISTRY", "http://registry:8080/apis/ccompat/v7")).schemaRegistry())
                .isEqualTo("http://registry:8080/apis/ccompat/v7");
    }

    @Test
    void schemaRegistry_anythingElse_isRefusedSayingWhatIsAllowed() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--schema-registry=yes"}, Map.of()))
                .hasMessage("--schema-registry must be off, embedded or a URL, was yes");
    }

    @Test
    void registryJar_isTheModulesBuildUnlessTheEnvironmentNamesOne() {
        assertThat(LocalStackOptions.defaults(Map.of("DIALOGS_SCHEMA_REGISTRY_JAR", "/opt/registry.jar"))
                .registryJar()).isEqualTo(Path.of("/opt/registry.jar"));
    }

    @Test
    void schemaRegistry_survivesTheOtherOptions() {
        LocalStackOptions options = LocalStackOptions.parse(new String[] {"--schema-registry=embedded",
                "--kafka-port=19093", "--data-dir=elsewhere"}, Map.of()).withFreePorts();

        assertThat(options.schemaRegistry()).isEqualTo(LocalStackOptions.EMBEDDED_REGISTRY);
    }
}
