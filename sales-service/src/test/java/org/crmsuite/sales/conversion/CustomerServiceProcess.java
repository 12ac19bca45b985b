package org.crmsuite.sales.conversion;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.crmsuite.platform.test.FreePorts;
import org.crmsuite.platform.test.SharedKafka;
import org.crmsuite.platform.test.SharedPostgres;
import org.crmsuite.platform.test.TestIssuer;

/**
 * The real customer-service ({@code customer-service/target/customer-service.jar}, built before this module by the
 * test-scoped pom dependency) as a child JVM, the way the local stack runs it: a database of its own on the test's
 * shared embedded PostgreSQL, the shared Kafka, and the test token issuer. Output in
 * {@code target/customer-service-it.log}; stopped with the test JVM at the latest.
 */
final class CustomerServiceProcess implements AutoCloseable {

    private final int port = FreePorts.next();
    private final Process process;
    private final Path log = Path.of("target", "customer-service-it.log");

    CustomerServiceProcess() {
        Path jar = Path.of(System.getProperty("crm.it.customer-service-jar", "../customer-service/target/customer-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": build it with ./mvnw -B -o -pl customer-service package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Duser.timezone=UTC",
                "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "SERVER_ADDRESS", "127.0.0.1",
                "SERVER_PORT", String.valueOf(port),
                "SPRING_DATASOURCE_URL", SharedPostgres.newDatabase("customer_it"),
                "SPRING_DATASOURCE_USERNAME", SharedPostgres.username(),
                "SPRING_DATASOURCE_PASSWORD", "",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", TestIssuer.get().issuer()));
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start customer-service", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "customer-service-it-stop"));
        awaitReady(Duration.ofMinutes(3));
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            Awaitility.await("customer-service ready").atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("customer-service exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("customer-service not ready within " + timeout + "; see " + log.toAbsolutePath(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
