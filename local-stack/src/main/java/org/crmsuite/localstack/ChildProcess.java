package org.crmsuite.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An operating-system process the launcher started, with its output appended to a log file. Stopping it stops its
 * descendants too (Keycloak's kc.sh runs the JVM as a child): a graceful destroy (SIGTERM) to all of them, then a
 * forcible one (SIGKILL) to whatever is left after the grace period.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                                     Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start());
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The process and its descendants that are alive now. */
    public List<ProcessHandle> processTree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(ProcessHandle::isAlive).toList();
    }

    /** Stops the process and its descendants: SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        // Take the tree before anything exits: an orphaned grandchild is no longer listed as a descendant.
        Set<ProcessHandle> tree = new LinkedHashSet<>(processTree());
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, grace);
        List<ProcessHandle> left = new ArrayList<>();
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.descendants().forEach(left::add);
                left.add(handle);
            }
        }
        if (!left.isEmpty()) {
            System.err.println("  " + name + " did not stop within " + grace.toSeconds() + " s; killing " + left.size() + " process(es)");
            left.forEach(ProcessHandle::destroyForcibly);
            awaitExit(left, Duration.ofSeconds(10));
        }
    }

    /** Waits until all the processes have exited or the timeout has passed. */
    public static void awaitExit(Iterable<ProcessHandle> processes, Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        processes.forEach(process -> exits.add(process.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller looks at what is still alive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
