package org.crmsuite.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child processes of a running stack, written down in {@code <state>/processes}, so that a start after a launcher
 * that was killed with SIGKILL (and could not stop its children) stops what that launcher left running. A line holds
 * the pid and the process's start time, so a recycled pid is never mistaken for a leftover.
 */
final class LeftoverProcesses {

    private final Path file;

    LeftoverProcesses(StateFolder state) {
        this.file = state.root().resolve("processes");
    }

    synchronized void record(String part, ProcessHandle process) {
        String started = process.info().startInstant().map(Instant::toString).orElse("-");
        try {
            Files.writeString(file, process.pid() + " " + started + " " + part + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the processes a previous launcher left running, and forgets them. */
    synchronized void stopAll(java.io.PrintStream out) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Set<ProcessHandle> leftovers = new java.util.LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                parse(line).ifPresent(leftovers::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!leftovers.isEmpty()) {
            out.println("  stopping " + leftovers.size() + " process(es) a previous launcher left running");
            List<ProcessHandle> tree = new ArrayList<>();
            for (ProcessHandle leftover : leftovers) {
                leftover.descendants().forEach(tree::add);
                tree.add(leftover);
            }
            tree.forEach(ProcessHandle::destroy);
            ChildProcess.awaitExit(tree, Duration.ofSeconds(20));
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            ChildProcess.awaitExit(tree, Duration.ofSeconds(10));
        }
        forget();
    }

    synchronized void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> parse(String line) {
        String[] fields = line.split(" ", 3);
        if (fields.length < 2) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(fields[0]))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(Instant::toString).orElse("-").equals(fields[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
