package org.crmsuite.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.crmsuite.localstack.ServiceCatalog.Service;

/**
 * One of the suite's Spring Boot applications as a child JVM: {@code java <small heap> -jar <module>/target/<module>.jar},
 * output in {@code logs/<module>.log}, ready when {@code /actuator/health/readiness} answers 200. The application's
 * own application.yaml defaults point at the stack's addresses; the launcher only binds it to 127.0.0.1 and sets its
 * port.
 */
public final class ServiceProcess implements Node {

    /**
     * Small, quick-starting JVMs: an idle service stays well under 300 MB resident. A JVM that runs out of heap exits
     * (as in the cluster, where Kubernetes restarts it) instead of living on with dead listener threads.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms32m", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m", "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8", "-Duser.timezone=UTC");

    /** Appended to every service's JVM options (later flags win), e.g. {@code -XX:TieredStopAtLevel=4} for C2. */
    static final String EXTRA_JVM_OPTIONS = "CRM_LOCAL_SERVICE_JVM_OPTIONS";

    /**
     * Analytics keeps its KPI facts and the histories it folded lately in memory (its README: size the heap for
     * them); 256 MB ran out under the suite benchmark's ERP load. The others idle far below 256 MB.
     */
    static String maxHeap(Service service) {
        return service == ServiceCatalog.ANALYTICS ? "-Xmx640m" : "-Xmx256m";
    }

    static List<String> jvmOptions(Service service, String extra) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add(1, maxHeap(service));
        options.addAll(2, SmallJvm.heapOptions());
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    private final Service service;
    private final Path repository;
    private final Path log;
    private final Duration timeout;
    private final BooleanSupplier aborted;
    private final Consumer<ProcessHandle> spawned;
    private volatile ChildProcess process;
    private volatile boolean ready;

    public ServiceProcess(Service service, Path repository, StateFolder state, Duration timeout, BooleanSupplier aborted,
                        Consumer<ProcessHandle> spawned) {
        this.service = service;
        this.repository = repository;
        this.log = state.log(service.module());
        this.timeout = timeout;
        this.aborted = aborted;
        this.spawned = spawned;
    }

    @Override
    public String name() {
        return service.module();
    }

    @Override
    public List<Integer> ports() {
        return List.of(service.port());
    }

    @Override
    public Path log() {
        return log;
    }

    public Service service() {
        return service;
    }

    @Override
    public void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(service, System.getenv(EXTRA_JVM_OPTIONS)));
        command.add("-jar");
        command.add(service.jar(repository).toString());
        Map<String, String> environment = new HashMap<>(Map.of(
                "SERVER_ADDRESS", Endpoints.HOST,
                "SERVER_PORT", String.valueOf(service.port())));
        if (service != ServiceCatalog.GATEWAY) {
            // Demos and the end-to-end journey move time forward (SLA warnings, reminders): POST /actuator/clock.
            environment.put("CRM_CLOCK_ADJUSTABLE", "true");
            environment.put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,prometheus,metrics,clock");
        }
        if (service == ServiceCatalog.ANALYTICS) {
            // A smaller cache of parsed histories than the service's default (100,000 events), to fit its local heap.
            environment.put("CRM_ANALYTICS_HISTORYCACHEEVENTS", "20000");
        }
        if (service == ServiceCatalog.NOTIFICATION) {
            // Webhook receivers on this machine (a demo ERP, a test's WireMock) are private addresses, refused elsewhere.
            environment.put("CRM_NOTIFICATION_WEBHOOKS_ALLOWED_HOSTS", Endpoints.HOST + ",localhost");
            // Recipients' email, language, zone and manager from the realm's users (client notification-service).
            environment.put("CRM_NOTIFICATION_DIRECTORY_KEYCLOAK_ENABLED", "true");
            environment.put("NOTIFICATION_KEYCLOAK_URL", Endpoints.keycloak().toString());
            environment.put("NOTIFICATION_KEYCLOAK_CLIENT_SECRET", "local-notification-secret"); // dev-only realm secret
        }
        process = ChildProcess.start(name(), command, environment, repository.resolve(service.module()), log);
        ChildProcess started = process;
        spawned.accept(started.handle());
        Readiness.awaitHttpOk(started, service.readiness(), timeout, aborted, log);
        ready = true;
        started.handle().onExit().thenRun(() -> {
            if (process == started) {
                System.err.println("! " + name() + " exited unexpectedly; see " + log);
            }
        });
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
