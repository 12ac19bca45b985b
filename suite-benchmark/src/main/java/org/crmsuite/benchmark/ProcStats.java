package org.crmsuite.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time and resident memory of the stack's processes, from /proc (Linux): utime + stime from /proc/&lt;pid&gt;/stat,
 * VmRSS from /proc/&lt;pid&gt;/status; PostgreSQL, whose processes share their buffers, as Pss (smaps_rollup) summed.
 */
public final class ProcStats {

    /** One part of the stack at one moment: its pids, CPU ticks so far, resident KiB. */
    public record Sample(String part, List<Long> pids, long cpuTicks, long residentKiB) {
    }

    static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** The stack's parts: the launcher JVM (Kafka, MongoDB, GreenMail), Keycloak, PostgreSQL and each application. */
    public static Map<String, List<Long>> parts(ProcessHandle launcher, Path stateFolder) {
        Map<String, List<Long>> parts = new LinkedHashMap<>();
        parts.put("launcher (Kafka, MongoDB wire server, GreenMail)", List.of(launcher.pid()));
        List<ProcessHandle> descendants = launcher.descendants().toList();
        for (String service : StackLauncher.SERVICES.keySet()) {
            parts.put(service, descendants.stream().filter(p -> commandLine(p).contains("/" + service + ".jar")).map(ProcessHandle::pid).toList());
        }
        parts.put("Keycloak", descendants.stream().filter(p -> commandLine(p).contains("keycloak")).map(ProcessHandle::pid).toList());
        List<Long> postgres = new ArrayList<>();
        // The postmaster by its executable: Keycloak's command line names PostgreSQL and the state folder too (--db=postgres).
        ProcessHandle.allProcesses().filter(p -> isPostgresExecutable(p) && commandLine(p).contains(stateFolder.toString()))
                .forEach(master -> {
                    postgres.add(master.pid());
                    master.descendants().forEach(child -> postgres.add(child.pid()));
                });
        parts.put("PostgreSQL (Pss over its processes)", postgres);
        return parts;
    }

    static boolean isPostgresExecutable(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    public static List<Sample> sample(Map<String, List<Long>> parts) {
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, List<Long>> part : parts.entrySet()) {
            boolean proportional = part.getKey().startsWith("PostgreSQL");
            long ticks = 0;
            long kib = 0;
            for (long pid : part.getValue()) {
                ticks += Math.max(0, cpuTicks(pid));
                kib += Math.max(0, proportional ? field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:")
                        : field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:"));
            }
            samples.add(new Sample(part.getKey(), part.getValue(), ticks, kib));
        }
        return samples;
    }

    /** utime + stime of one process, in clock ticks; -1 when it is gone. */
    public static long cpuTicks(long pid) {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 14 and 15 of /proc/pid/stat, counted after the command name (which may hold spaces and parentheses). */
    static long parseCpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String commandLine(ProcessHandle process) {
        Optional<String> line = process.info().commandLine();
        if (line.isPresent()) {
            return line.get();
        }
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** CPU used between two samples as a share of one core (100 % = one core busy the whole time). */
    public static double coreShare(Sample before, Sample after, double seconds) {
        return seconds <= 0 ? 0 : (after.cpuTicks() - before.cpuTicks()) / (double) TICKS_PER_SECOND / seconds;
    }

    private ProcStats() {
    }
}
