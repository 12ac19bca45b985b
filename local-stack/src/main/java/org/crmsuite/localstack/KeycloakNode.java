package org.crmsuite.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak from its distribution zip (Maven Central's {@code org.keycloak:keycloak-quarkus-dist}), unpacked once into
 * the state folder and started as a child process in dev mode on 127.0.0.1:8180 with the {@code crm} realm imported
 * from {@code k8s/keycloak/crm-realm.json} (carried in the launcher jar). Its database is the stack's PostgreSQL
 * (database {@code keycloak}), as in production, instead of the dev-file H2 inside Keycloak's JVM: 16 MB less resident
 * and a quicker start. Users, sessions and changes made in the admin console survive a restart; an existing realm is
 * not imported again (use --wipe after changing the realm file).
 */
public final class KeycloakNode implements Node {

    /** The realm file, copied from k8s/keycloak/crm-realm.json into the launcher by the build. */
    public static final String REALM_RESOURCE = "keycloak/crm-realm.json";

    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.err.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Djava.security.egd=file:/dev/urandom",
            "-Djdk.tls.rejectClientInitiatedRenegotiation=true");

    private final Path distribution;
    private final Path installFolder;
    private final Path log;
    private final Duration timeout;
    private final BooleanSupplier aborted;
    private final Consumer<ProcessHandle> spawned;
    private volatile ChildProcess process;
    private volatile boolean ready;

    public KeycloakNode(StateFolder state, Path distribution, Duration timeout, BooleanSupplier aborted,
                        Consumer<ProcessHandle> spawned) {
        this.distribution = distribution;
        this.installFolder = state.keycloak();
        this.log = state.log("keycloak");
        this.timeout = timeout;
        this.aborted = aborted;
        this.spawned = spawned;
    }

    @Override
    public String name() {
        return "Keycloak";
    }

    @Override
    public List<Integer> ports() {
        return List.of(Endpoints.KEYCLOAK);
    }

    @Override
    public Path log() {
        return log;
    }

    public static URI readiness() {
        return URI.create(Endpoints.realmIssuer() + "/.well-known/openid-configuration");
    }

    @Override
    public void start() throws IOException {
        Path home = unpackOnce();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakNode.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the launcher");
            }
            Files.copy(realm, imports.resolve("crm-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + Endpoints.HOST, "--http-port=" + Endpoints.KEYCLOAK,
                // Tokens carry the same issuer whether they were asked for at 127.0.0.1 or at localhost.
                "--hostname=" + Endpoints.keycloak(),
                "--db=postgres", "--db-url=jdbc:postgresql://" + Endpoints.HOST + ":" + Endpoints.POSTGRES + "/keycloak",
                "--db-username=postgres", "--db-password=postgres",
                "--import-realm");
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "JAVA_OPTS", String.join(" ", JVM_OPTIONS) + " " + String.join(" ", SmallJvm.heapOptions()),
                "JAVA_OPTS_APPEND", "",
                // Dev only: the local stack's admin console login.
                "KC_BOOTSTRAP_ADMIN_USERNAME", Endpoints.ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", Endpoints.ADMIN_PASSWORD);
        process = ChildProcess.start(name(), command, environment, home, log);
        ChildProcess started = process;
        spawned.accept(started.handle());
        Readiness.awaitHttpOk(started, readiness(), timeout, aborted, log);
        ready = true;
        started.handle().onExit().thenRun(() -> {
            if (process == started) {
                System.err.println("! " + name() + " exited unexpectedly; see " + log);
            }
        });
    }

    /** Unpacks the distribution into the state folder, unless a complete earlier unpack is there. */
    Path unpackOnce() throws IOException {
        Path home = installFolder.resolve("keycloak-" + Versions.keycloak());
        Path marker = home.resolve(".unpacked");
        if (Files.exists(marker)) {
            return home;
        }
        if (!Files.isRegularFile(distribution)) {
            throw new StartupFailure(name(), "the distribution " + distribution + " is missing; build it with"
                    + " ./mvnw -q -B -pl local-stack -am -DskipTests package", null);
        }
        StateFolder.delete(home);
        Files.createDirectories(installFolder);
        try (ZipFile zip = new ZipFile(distribution.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = installFolder.resolve(entry.getName()).normalize();
                if (!target.startsWith(installFolder)) {
                    throw new IOException("unsafe entry in " + distribution + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (target.getFileName().toString().endsWith(".sh")) {
                    target.toFile().setExecutable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + distribution, e);
        }
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IOException(distribution + " has no keycloak-" + Versions.keycloak() + "/bin/kc.sh");
        }
        Files.writeString(marker, distribution + "\n");
        return home;
    }

    @Override
    public List<ProcessHandle> processes() {
        ChildProcess running = process;
        return running == null ? List.of() : running.processTree();
    }

    @Override
    public void close() {
        ChildProcess running = process;
        process = null;
        if (running != null) {
            // A JVM still starting (say, after another part failed) gains nothing from a long grace period.
            running.stop(ready ? Duration.ofSeconds(20) : Duration.ofSeconds(5));
        }
    }
}
