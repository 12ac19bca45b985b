package org.crmsuite.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What went wrong inside the stack during the run, read from its logs: a JVM that ran out of memory or exited answers
 * 5xx or nothing afterwards, and the report's figures after that moment measure the failure, not the service.
 */
final class StackHealth {

    static List<String> problems(Path logFolder, Path launcherOutput) {
        List<String> problems = new ArrayList<>();
        if (Files.isDirectory(logFolder)) {
            try (Stream<Path> logs = Files.list(logFolder)) {
                logs.filter(Files::isRegularFile).sorted().forEach(log -> {
                    long oom = count(log, "java.lang.OutOfMemoryError");
                    if (oom > 0) {
                        problems.add("**" + log.getFileName().toString().replace(".log", "") + " ran out of memory** ("
                                + oom + " log lines with OutOfMemoryError in " + log.getFileName() + "): its figures after that are not the service's.");
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.isRegularFile(launcherOutput)) {
            lines(launcherOutput).filter(line -> line.contains("exited unexpectedly"))
                    .forEach(line -> problems.add("The launcher reported: `" + line.strip() + "`"));
        }
        return problems;
    }

    private static long count(Path log, String text) {
        try (Stream<String> lines = lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            // Logs may hold bytes that are not UTF-8 (a child's native output): decode leniently.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StackHealth() {
    }
}
