package org.crmsuite.deploycheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs helm or kubectl and keeps what it printed. */
record Proc(int exitCode, String stdout, String stderr, String command) {

    static Proc run(Path workDir, Object... command) {
        List<String> args = new ArrayList<>();
        for (Object part : command) {
            args.add(part.toString());
        }
        try {
            Path out = Files.createTempFile("deploy-check", ".out");
            Path err = Files.createTempFile("deploy-check", ".err");
            ProcessBuilder builder = new ProcessBuilder(args).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // helm keeps its cache, config and plugins here, not in the user's home: the build leaves nothing behind.
            Path helmHome = Repo.root().resolve("deploy-check/target/helm-home");
            builder.environment().put("HELM_CACHE_HOME", helmHome.resolve("cache").toString());
            builder.environment().put("HELM_CONFIG_HOME", helmHome.resolve("config").toString());
            builder.environment().put("HELM_DATA_HOME", helmHome.resolve("data").toString());
            builder.environment().put("KUBECONFIG", helmHome.resolve("kubeconfig-unused").toString());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", args));
            }
            Proc result = new Proc(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), String.join(" ", args));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + args, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Proc ok() {
        if (exitCode != 0) {
            throw new AssertionError(command + " failed (exit " + exitCode + "):\n" + stderr + stdout);
        }
        return this;
    }

    String output() {
        return stdout + stderr;
    }
}
