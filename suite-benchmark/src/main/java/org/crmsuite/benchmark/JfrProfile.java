package org.crmsuite.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Profiles a running service JVM with JDK Flight Recorder ({@code jcmd <pid> JFR.start/JFR.stop}) and summarises its
 * execution samples ({@code jfr print --events jdk.ExecutionSample}): the hottest top frames (self time) and the
 * application frames most often on the stack (inclusive).
 */
public final class JfrProfile {

    /** The summary: number of samples, top self frames and top inclusive org.crmsuite frames, each with its count. */
    public record Summary(int samples, Map<String, Integer> selfFrames, Map<String, Integer> appFrames, Map<String, Integer> packages) {
    }

    public static void start(long pid, Path file) throws IOException, InterruptedException {
        run(List.of(tool("jcmd"), Long.toString(pid), "JFR.start", "name=suite-benchmark", "settings=profile", "filename=" + file));
    }

    public static void stop(long pid, Path file) throws IOException, InterruptedException {
        run(List.of(tool("jcmd"), Long.toString(pid), "JFR.stop", "name=suite-benchmark", "filename=" + file));
    }

    public static String printSamples(Path file) throws IOException, InterruptedException {
        return run(List.of(tool("jfr"), "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", file.toString()));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jfr", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Parses {@code jfr print} output of jdk.ExecutionSample events. */
    public static Summary summarise(String printed, int top) {
        Map<String, Integer> self = new LinkedHashMap<>();
        Map<String, Integer> app = new LinkedHashMap<>();
        Map<String, Integer> packages = new LinkedHashMap<>();
        int samples = 0;
        List<String> stack = null;
        for (String line : printed.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("stackTrace = [")) {
                stack = new ArrayList<>();
            } else if (stack != null && trimmed.startsWith("]")) {
                if (!stack.isEmpty()) {
                    samples++;
                    self.merge(stack.getFirst(), 1, Integer::sum);
                    packages.merge(packageGroup(stack.getFirst()), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (String frame : stack) {
                        if (frame.startsWith("org.crmsuite.") && seen.add(frame)) {
                            app.merge(frame, 1, Integer::sum);
                        }
                    }
                }
                stack = null;
            } else if (stack != null && !trimmed.isEmpty() && !trimmed.equals("...")) {
                stack.add(method(trimmed));
            }
        }
        return new Summary(samples, topN(self, top), topN(app, top), topN(packages, top));
    }

    /** "java.lang.String.hashCode() line: 12" → "java.lang.String.hashCode()". */
    static String method(String frame) {
        int line = frame.indexOf(" line:");
        return line < 0 ? frame : frame.substring(0, line);
    }

    /** The first three parts of the class name: org.postgresql.core, java.util.regex, org.springframework.web ... */
    static String packageGroup(String frame) {
        String name = frame.contains("(") ? frame.substring(0, frame.indexOf('(')) : frame;
        String[] parts = name.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 2))));
    }

    private static Map<String, Integer> topN(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private JfrProfile() {
    }
}
