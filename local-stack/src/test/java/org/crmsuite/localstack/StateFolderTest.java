package org.crmsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {

    @TempDir
    Path temp;

    @Test
    void aFolderIsNewUntilTheStackHasStartedOnIt() {
        Path root = temp.resolve("state");
        StateFolder first = StateFolder.open(root, false);
        assertThat(first.isFresh()).isTrue();
        assertThat(root.resolve(".gitignore")).hasContent("*");
        first.markInitialized();

        assertThat(StateFolder.open(root, false).isFresh()).isFalse();
        assertThat(StateFolder.open(root, true).isFresh()).isTrue();
    }

    @Test
    void wipeRefusesAFolderTheStackDidNotMake() throws IOException {
        Path someonesFiles = Files.createDirectories(temp.resolve("documents"));
        Files.writeString(someonesFiles.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> StateFolder.open(someonesFiles, true))
                .hasMessageContaining("does not look like a local stack state folder");
        assertThat(someonesFiles.resolve("thesis.txt")).exists();
    }
}
