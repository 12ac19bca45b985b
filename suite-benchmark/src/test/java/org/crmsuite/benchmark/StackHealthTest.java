package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHealthTest {

    @Test
    void namesTheServiceThatRanOutOfMemoryAndWhatTheLauncherSaw(@TempDir Path work) throws Exception {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Files.writeString(logs.resolve("analytics-service.log"), "started\nException in thread \"x\" java.lang.OutOfMemoryError: Java heap space\n");
        Files.writeString(logs.resolve("gateway.log"), "started\n");
        Path launcher = Files.writeString(work.resolve("launcher.out"), "ready\n! analytics-service exited unexpectedly; see x.log\n");

        assertThat(StackHealth.problems(logs, launcher))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("analytics-service ran out of memory").contains("1 log lines"))
                .anySatisfy(p -> assertThat(p).contains("analytics-service exited unexpectedly"));
    }

    @Test
    void aHealthyStackHasNothingToReport(@TempDir Path work) throws Exception {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Files.writeString(logs.resolve("gateway.log"), "started\n");

        assertThat(StackHealth.problems(logs, work.resolve("missing.out"))).isEmpty();
    }
}
