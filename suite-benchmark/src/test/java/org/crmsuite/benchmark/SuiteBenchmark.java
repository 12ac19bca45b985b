package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The suite benchmark of issue 11. Not a test: only the root pom's {@code benchmark} profile runs it
 * ({@code flock /tmp/crm-stack.lock ./mvnw -B -Pbenchmark -pl suite-benchmark test -Dtest=SuiteBenchmark}); it starts
 * the whole local stack on the fixed ports, so never run two at once. Sizes: {@code -Dcrm.benchmark.*} (README).
 */
class SuiteBenchmark {

    @Test
    void runsTheSuiteBenchmarkAndWritesTheReport() throws Exception {
        Path report = new SuiteBenchmarkRun(BenchmarkConfig.fromSystemProperties(), System.out).run();
        assertThat(Files.readString(report)).contains("## Department mix through the gateway");
    }
}
