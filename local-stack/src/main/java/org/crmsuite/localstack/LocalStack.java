package org.crmsuite.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.crmsuite.localstack.ServiceCatalog.Service;
import org.crmsuite.localstack.demo.DemoApi;
import org.crmsuite.localstack.demo.DemoDataLoader;
import org.crmsuite.localstack.demo.DemoDataSets;
import org.crmsuite.localstack.simulator.EnterpriseSystemsSimulator;

/**
 * The whole suite on one machine. {@link #start} brings it up in two waves: first the infrastructure (PostgreSQL,
 * Kafka, MongoDB, GreenMail) in parallel, then Keycloak and the services in parallel (the services do not contact
 * Keycloak at start-up). When a part fails, everything already started is stopped and the failure names the part.
 * {@link #close} stops it all: services and Keycloak first, the infrastructure last.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackOptions options;
    private final StateFolder state;
    private final PrintStream out;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Held while starting: {@link #close()} from a shutdown hook waits until the start has unwound. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final PostgresNode postgres;
    private final KafkaNode kafka;
    private final MongoNode mongo;
    private final MailNode mail;
    private final KeycloakNode keycloak;
    private final List<ServiceProcess> services;
    private final Map<String, Duration> readyAfter = new LinkedHashMap<>();
    private final List<ProcessHandle> startedProcesses = new ArrayList<>();
    private final LeftoverProcesses leftovers;
    private volatile Duration startupTime;
    private volatile EnterpriseSystemsSimulator simulator;

    private LocalStack(LocalStackOptions options, StateFolder state, PrintStream out) {
        this.options = options;
        this.state = state;
        this.out = out;
        this.postgres = new PostgresNode(state);
        this.kafka = new KafkaNode(state);
        this.mongo = new MongoNode(state);
        this.mail = new MailNode(state);
        this.leftovers = new LeftoverProcesses(state);
        this.keycloak = new KeycloakNode(state, options.keycloakDistribution(), options.startTimeout(), closing::get,
                process -> leftovers.record("Keycloak", process));
        this.services = options.withServices()
                ? ServiceCatalog.ALL.stream()
                        .map(service -> new ServiceProcess(service, options.repository(), state, options.startTimeout(), closing::get,
                                process -> leftovers.record(service.module(), process)))
                        .toList()
                : List.of();
    }

    /**
     * Starts everything and returns once all of it is ready. On failure it stops what it started and throws a
     * {@link StartupFailure} that names the part and carries the tail of its log.
     */
    public static LocalStack start(LocalStackOptions options, PrintStream out) {
        LocalStack stack = create(options, out);
        stack.start();
        return stack;
    }

    /**
     * Prepares the stack (checks the service jars, opens the state folder, points logging at it) without starting
     * anything, so a shutdown hook can hold it before {@link #start()} begins.
     */
    public static LocalStack create(LocalStackOptions options, PrintStream out) {
        if (options.withServices()) {
            requireServiceJars(options);
        }
        StateFolder state = StateFolder.open(options.stateFolder(), options.wipe());
        Logging.configure(state.logs());
        return new LocalStack(options, state, out);
    }

    /** Starts every part; see {@link #start(LocalStackOptions, PrintStream)}. */
    public void start() {
        long begin = System.nanoTime();
        lifecycle.lock();
        try {
            if (closing.get()) {
                throw new StartupFailure("local stack", "stopped before it started", null);
            }
            // What a launcher killed with SIGKILL left running would hold the ports.
            leftovers.stopAll(out);
            postgres.stopLeftoverServer();
            requireFreePorts();
            out.println("Starting the CRM local stack (state in " + state.root() + (state.isFresh() ? ", new" : "") + ")");
            startInParallel(List.of(postgres, kafka, mongo, mail));
            List<Node> second = new ArrayList<>();
            second.add(keycloak);
            second.addAll(services);
            startInParallel(second);
            loadDemoDataIfNew();
            state.markInitialized();
            startSimulator();
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            lifecycle.unlock();
        }
    }

    private static void requireServiceJars(LocalStackOptions options) {
        List<Service> missing = ServiceCatalog.missingJars(options.repository());
        if (!missing.isEmpty()) {
            String jars = missing.stream().map(service -> "    " + options.repository().relativize(service.jar(options.repository())))
                    .collect(Collectors.joining("\n"));
            throw new StartupFailure("services", "these service jars are missing:\n" + jars
                    + "\n  build them with: ./mvnw -q -B -DskipTests install   (or start the infrastructure only: --infra-only)", null);
        }
    }

    private List<Node> nodes() {
        List<Node> nodes = new ArrayList<>(List.of(postgres, kafka, mongo, mail, keycloak));
        nodes.addAll(services);
        return nodes;
    }

    private void requireFreePorts() {
        for (Node node : nodes()) {
            for (int port : node.ports()) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getByName(Endpoints.HOST), port));
                } catch (IOException e) {
                    throw new StartupFailure(node.name(), "port " + port + " on " + Endpoints.HOST
                            + " is in use (is another local stack running? `ss -ltnp | grep " + port + "` shows who holds it)", null);
                }
            }
        }
    }

    /** Starts the nodes side by side; on the first failure the others are told to give up, and it is rethrown. */
    private void startInParallel(List<Node> nodes) {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            CompletionService<Node> completion = new ExecutorCompletionService<>(executor);
            Map<Future<Node>, Node> started = new LinkedHashMap<>();
            for (Node node : nodes) {
                started.put(completion.submit(() -> startOne(node)), node);
            }
            StartupFailure failure = null;
            for (int i = 0; i < nodes.size(); i++) {
                Future<Node> done = takeNext(completion);
                try {
                    done.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StartupFailure("local stack", "interrupted", null, e);
                } catch (ExecutionException e) {
                    StartupFailure thrown = asFailure(started.get(done), e.getCause());
                    if (failure == null) {
                        failure = thrown;
                        closing.set(true); // the others stop waiting
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private Node startOne(Node node) throws Exception {
        if (closing.get()) {
            throw new StartupFailure(node.name(), "start aborted", node.log());
        }
        long begin = System.nanoTime();
        try {
            node.start();
        } finally {
            if (node == postgres) {
                postgres.processes().forEach(process -> leftovers.record(node.name(), process));
            }
            if (closing.get()) {
                node.close(); // the stack is being stopped while this part was starting
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        synchronized (readyAfter) {
            readyAfter.put(node.name(), took);
            startedProcesses.addAll(node.processes());
        }
        out.printf("  ready  %-28s %5.1f s%n", node.name(), took.toMillis() / 1000.0);
        return node;
    }

    private static Future<Node> takeNext(CompletionService<Node> completion) {
        try {
            return completion.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("local stack", "interrupted", null, e);
        }
    }

    private static StartupFailure asFailure(Node node, Throwable cause) {
        return cause instanceof StartupFailure failure ? failure
                : new StartupFailure(node.name(), String.valueOf(cause.getMessage()), node.log(), cause);
    }

    private void loadDemoDataIfNew() {
        if (!state.isFresh() || !options.withServices() || !options.loadDemoData() || DemoDataSets.ALL.isEmpty()) {
            return;
        }
        out.println("Loading demo data into the new stack");
        new DemoDataLoader(DemoDataSets.ALL, out).load(new DemoApi(Endpoints.gateway(), KeycloakTokens.local()));
    }

    private void startSimulator() {
        if (!options.withServices() || !options.simulateEnterpriseSystems()) {
            return;
        }
        simulator = new EnterpriseSystemsSimulator(Endpoints.KAFKA_BOOTSTRAP, new DemoApi(Endpoints.gateway(), KeycloakTokens.local()),
                SIMULATED_ORDER_INTERVAL, state.log("erp-finance-simulator"));
        simulator.start();
    }

    /** How often the simulated ERP places an order (finance invoices every won deal as it happens). */
    public static final Duration SIMULATED_ORDER_INTERVAL = Duration.ofSeconds(10);

    public boolean simulating() {
        return simulator != null;
    }

    /** Stops one service while the rest keeps running: an outage drill, as ops would see it in production. */
    public void stopService(Service service) {
        process(service).close();
    }

    /** Starts a service stopped by {@link #stopService} again and waits until it is ready. */
    public void startService(Service service) {
        try {
            process(service).start();
        } catch (IOException e) {
            throw new StartupFailure(service.module(), "could not start again: " + e.getMessage(), process(service).log(), e);
        }
    }

    private ServiceProcess process(Service service) {
        return services.stream().filter(running -> running.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service.module() + " is not part of this stack"));
    }

    public LocalStackOptions options() {
        return options;
    }

    public StateFolder state() {
        return state;
    }

    public PostgresNode postgres() {
        return postgres;
    }

    /** How long {@link #start} took, from the call to the last part ready (and demo data loaded). */
    public Duration startupTime() {
        return startupTime;
    }

    /** When each part became ready, in the order they did. */
    public Map<String, Duration> readyAfter() {
        synchronized (readyAfter) {
            return Map.copyOf(readyAfter);
        }
    }

    /** Every operating-system process the stack started (child JVMs, kc.sh and its JVM, the PostgreSQL postmaster). */
    public List<ProcessHandle> startedProcesses() {
        synchronized (readyAfter) {
            return List.copyOf(startedProcesses);
        }
    }

    /** The resident memory (VmRSS) of the launcher's JVM and of each part's processes; PostgreSQL's as Pss. */
    public List<MemoryReport.Row> memory() {
        List<MemoryReport.Row> rows = new ArrayList<>();
        rows.add(MemoryReport.row("launcher (Kafka, MongoDB, GreenMail)", List.of(ProcessHandle.current())));
        rows.add(MemoryReport.proportionalRow("PostgreSQL (Pss over its processes)", postgres.postmaster()
                .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList())
                .orElse(List.of())));
        rows.add(MemoryReport.row(keycloak.name(), keycloak.processes()));
        for (ServiceProcess service : services) {
            rows.add(MemoryReport.row(service.name(), service.processes()));
        }
        return rows;
    }

    /** True once {@link #close()} has begun (or a failed start has stopped everything). */
    public boolean isClosed() {
        return closing.get();
    }

    /** Stops everything: services and Keycloak side by side, then the infrastructure. Safe to call more than once. */
    @Override
    public void close() {
        closing.set(true); // a start in progress gives up ...
        lifecycle.lock(); // ... and is waited for, so nothing it starts is left behind
        try {
            stopAll();
        } finally {
            lifecycle.unlock();
        }
    }

    private void stopAll() {
        EnterpriseSystemsSimulator running = simulator;
        simulator = null;
        if (running != null) {
            running.close();
        }
        List<Node> applications = new ArrayList<>(services);
        applications.add(keycloak);
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            applications.forEach(node -> executor.submit(node::close));
        }
        mail.close();
        mongo.close();
        kafka.close();
        postgres.close();
        leftovers.forget();
    }
}
