package org.crmsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    private final Path repository = LocalStackOptions.findRepository(Path.of(""));

    @Test
    void defaultsStartEverythingWithStateInTheRepository() {
        LocalStackOptions options = LocalStackOptions.parse(new String[0], repository);
        assertThat(options.repository()).isEqualTo(repository.toAbsolutePath().normalize());
        assertThat(options.stateFolder()).isEqualTo(options.repository().resolve(".crm-local"));
        assertThat(options.wipe()).isFalse();
        assertThat(options.withServices()).isTrue();
        assertThat(options.loadDemoData()).isTrue();
        assertThat(options.keycloakDistribution().getFileName().toString())
                .isEqualTo("keycloak-quarkus-dist-" + Versions.keycloak() + ".zip");
    }

    @Test
    void flagsChangeWhatStartsAndWhere() {
        LocalStackOptions options = LocalStackOptions.parse(new String[] {"--wipe", "--infra-only", "--no-demo-data",
                "--state", "/tmp/somewhere", "--start-timeout", "90"}, repository);
        assertThat(options.wipe()).isTrue();
        assertThat(options.withServices()).isFalse();
        assertThat(options.loadDemoData()).isFalse();
        assertThat(options.stateFolder()).isEqualTo(Path.of("/tmp/somewhere"));
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anUnknownFlagIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--wpie"}, repository))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --wpie")
                .hasMessageContaining("Usage:");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--state"}, repository))
                .hasMessageContaining("--state needs a value");
    }

    @Test
    void theRepositoryIsFoundFromASubfolder() {
        assertThat(LocalStackOptions.findRepository(repository.resolve("local-stack/src/main"))).isEqualTo(repository);
    }
}
