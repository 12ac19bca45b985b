package org.crmsuite.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The suite's Spring Boot applications: one module each, with the port the local stack gives it. */
public final class ServiceCatalog {

    /**
     * @param module the Maven module, which is also the boot jar's name and the application's name
     * @param port   its HTTP port on 127.0.0.1
     */
    public record Service(String module, int port) {

        public Path jar(Path repository) {
            return repository.resolve(module).resolve("target").resolve(module + ".jar");
        }

        public URI readiness() {
            return URI.create("http://" + Endpoints.HOST + ":" + port + "/actuator/health/readiness");
        }
    }

    public static final Service GATEWAY = new Service("gateway", 8080);
    public static final Service CUSTOMER = new Service("customer-service", 8081);
    public static final Service TICKET = new Service("ticket-service", 8082);
    public static final Service SALES = new Service("sales-service", 8083);
    public static final Service ANALYTICS = new Service("analytics-service", 8084);
    public static final Service NOTIFICATION = new Service("notification-service", 8085);

    public static final List<Service> ALL = List.of(GATEWAY, CUSTOMER, TICKET, SALES, ANALYTICS, NOTIFICATION);

    /** The services whose jar is not built yet. */
    public static List<Service> missingJars(Path repository) {
        return ALL.stream().filter(service -> !java.nio.file.Files.isRegularFile(service.jar(repository))).toList();
    }

    private ServiceCatalog() {
    }
}
