package org.crmsuite.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Resident memory of the stack's processes (Linux only): VmRSS from /proc/&lt;pid&gt;/status for the JVMs; for
 * PostgreSQL, whose processes share its buffers, the proportional set size (Pss from /proc/&lt;pid&gt;/smaps_rollup)
 * added up over its processes, so shared memory is counted once.
 */
public final class MemoryReport {

    /** One part: its processes and their resident memory added up, in KiB (-1 where /proc cannot tell). */
    public record Row(String part, List<Long> pids, long residentKiB) {
    }

    static Row row(String part, List<ProcessHandle> processes) {
        return row(part, processes, false);
    }

    static Row proportionalRow(String part, List<ProcessHandle> processes) {
        return row(part, processes, true);
    }

    private static Row row(String part, List<ProcessHandle> processes, boolean proportional) {
        long total = 0;
        for (ProcessHandle process : processes) {
            long rss = proportional ? proportionalKiB(process.pid()) : residentKiB(process.pid());
            if (rss < 0) {
                return new Row(part, pids(processes), -1);
            }
            total += rss;
        }
        return new Row(part, pids(processes), processes.isEmpty() ? -1 : total);
    }

    /** VmRSS of one process in KiB, or -1 when it is gone or this is not Linux. */
    public static long residentKiB(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:");
    }

    /** Pss of one process in KiB (its private memory plus its share of shared memory), or -1. */
    public static long proportionalKiB(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:");
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public static void print(List<Row> rows, PrintStream out) {
        out.println("Resident memory:");
        long total = 0;
        for (Row row : rows) {
            if (row.residentKiB() < 0) {
                continue;
            }
            total += row.residentKiB();
            String pids = row.pids().size() <= 3
                    ? "pid " + row.pids().stream().map(String::valueOf).collect(Collectors.joining(","))
                    : row.pids().size() + " processes, pid " + row.pids().getFirst() + " ...";
            out.printf("  %-38s %6d MB   %s%n", row.part(), row.residentKiB() / 1024, pids);
        }
        out.printf("  %-38s %6d MB%n", "total", total / 1024);
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    private MemoryReport() {
    }
}
