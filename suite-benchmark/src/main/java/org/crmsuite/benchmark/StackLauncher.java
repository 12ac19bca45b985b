package org.crmsuite.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the local stack exactly as {@code ./crm-local} does: the local-stack launcher jar
 * ({@code <repo>/local-stack/target/local-stack.jar}) in its own JVM, on a new state folder, without demo data and
 * without the ERP simulator (the benchmark publishes its own orders). The launcher starts PostgreSQL, Kafka, MongoDB,
 * GreenMail, Keycloak and the six applications and stops them all on SIGTERM. Ready when every application answers
 * its readiness probe and Keycloak its realm.
 */
public final class StackLauncher implements AutoCloseable {

    /** The stack's applications: name, port. */
    public static final Map<String, Integer> SERVICES;

    static {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("gateway", 8080);
        services.put("customer-service", 8081);
        services.put("ticket-service", 8082);
        services.put("sales-service", 8083);
        services.put("analytics-service", 8084);
        services.put("notification-service", 8085);
        SERVICES = services;
    }

    public static final String KEYCLOAK = "http://127.0.0.1:8180";
    public static final String GATEWAY = "http://127.0.0.1:8080";
    public static final String KAFKA = "127.0.0.1:19092";
    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:15432/";

    private final BenchmarkConfig config;
    private Process launcher;
    private Duration startup;

    public StackLauncher(BenchmarkConfig config) {
        this.config = config;
    }

    public void start(Duration timeout) throws IOException, InterruptedException {
        Path jar = config.repository().resolve("local-stack/target/local-stack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the suite first (./mvnw -q -B -DskipTests install)");
        }
        Files.createDirectories(config.workFolder());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The launcher's flags as ./crm-local gives them.
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-Dfile.encoding=UTF-8"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (Runtime.version().feature() >= 25) {
            command.add("-XX:+UseCompactObjectHeaders");
        }
        command.addAll(List.of("-jar", jar.toString(), "--repo", config.repository().toString(), "--state",
                config.stateFolder().toString(), "--no-demo-data", "--no-simulator", "--start-timeout", "600"));
        Path keycloakZip = config.keycloakZip() != null ? config.keycloakZip() : defaultKeycloakZip();
        if (keycloakZip != null) {
            command.addAll(List.of("--keycloak-zip", keycloakZip.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.repository().toFile())
                .redirectErrorStream(true)
                .redirectOutput(config.workFolder().resolve("launcher.out").toFile());
        // A department is simulated with a handful of demo accounts: lift the gateway's per-user and per-client rate
        // limits (the filter still runs, so its cost is measured). The launcher's children inherit this environment.
        Map<String, String> env = builder.environment();
        for (String scope : List.of("PERUSER", "PERCLIENT")) {
            env.put("CRM_GATEWAY_RATELIMITS_" + scope + "_CAPACITY", "1000000");
            env.put("CRM_GATEWAY_RATELIMITS_" + scope + "_REPLENISHPERSECOND", "1000000");
        }
        if (!config.serviceJvmOptions().isBlank()) {
            env.put("CRM_LOCAL_SERVICE_JVM_OPTIONS", config.serviceJvmOptions()); // appended to each service's options
        }
        long begin = System.nanoTime();
        launcher = builder.start();
        awaitReady(timeout);
        startup = Duration.ofNanos(System.nanoTime() - begin);
    }

    private Path defaultKeycloakZip() {
        Path built = config.repository().resolve("local-stack/target/keycloak");
        if (Files.isDirectory(built)) {
            return null; // the launcher finds it there
        }
        try (var files = Files.list(Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist"))) {
            return files.flatMap(version -> {
                try {
                    return Files.list(version);
                } catch (IOException e) {
                    return java.util.stream.Stream.empty();
                }
            }).filter(file -> file.toString().endsWith(".zip")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<URI> probes = new ArrayList<>();
        probes.add(URI.create(KEYCLOAK + "/realms/crm/.well-known/openid-configuration"));
        SERVICES.values().forEach(port -> probes.add(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")));
        while (true) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the local stack did not start (exit " + launcher.exitValue() + "); see "
                        + config.workFolder().resolve("launcher.out") + " and " + config.stateFolder().resolve("logs"));
            }
            if (probes.stream().allMatch(uri -> ok(http, uri))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the local stack was not ready within " + timeout);
            }
            Thread.sleep(2_000);
        }
    }

    private static boolean ok(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Duration startupTime() {
        return startup;
    }

    public Optional<ProcessHandle> launcherProcess() {
        return launcher == null ? Optional.empty() : Optional.of(launcher.toHandle());
    }

    /** Stops the stack (SIGTERM to the launcher, which stops every part) and waits; SIGKILL after 120 s. */
    @Override
    public void close() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = launcher.toHandle().descendants().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                launcher.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
