package org.crmsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole suite as {@code crm-local} starts it, on a new state folder: a demo user's token from Keycloak opens the
 * customers API through the gateway, no token gets 401, and stopping leaves no process behind.
 *
 * <p>Skipped (not failed) while a service jar is missing, because the services are being written; once they all build,
 * this test is meant to become mandatory.
 */
class FullStackIT {

    private final Path repository = LocalStackOptions.findRepository(Path.of(""));
    private Path stateFolder;
    private LocalStack stack;

    @AfterEach
    void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (stateFolder != null) {
            StateFolder.delete(stateFolder);
        }
    }

    @Test
    void aDemoUsersTokenOpensTheCustomersApiThroughTheGateway() throws Exception {
        List<ServiceCatalog.Service> missing = ServiceCatalog.missingJars(repository);
        assumeTrue(missing.isEmpty(), () -> "FullStackIT skipped: service jars missing ("
                + missing.stream().map(service -> repository.relativize(service.jar(repository)).toString()).collect(Collectors.joining(", "))
                + "); build them with ./mvnw -B -DskipTests install");

        stateFolder = Files.createTempDirectory("crm-local-full-");
        stack = InfrastructureIT.startOrReport(LocalStackOptions.defaults(repository).withStateFolder(stateFolder)
                .withStartTimeout(InfrastructureIT.IT_START_TIMEOUT));
        System.out.println("Full stack ready in " + stack.startupTime().toMillis() / 1000.0 + " s: " + Banner.readyTimes(stack));
        MemoryReport.print(stack.memory(), System.out);

        URI customers = URI.create(Endpoints.gateway() + "/api/v1/customers");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = KeycloakTokens.local().forDemoUser("rep").value();

        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(customers)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);

        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(customers)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(401);

        List<ProcessHandle> started = stack.startedProcesses();
        assertThat(started).hasSizeGreaterThanOrEqualTo(ServiceCatalog.ALL.size() + 2); // services, Keycloak, postmaster
        stack.close();
        stack = null;
        InfrastructureIT.assertNoProcessLeft(started);
    }
}
