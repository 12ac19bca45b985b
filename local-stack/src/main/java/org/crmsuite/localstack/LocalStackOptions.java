package org.crmsuite.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to start and where.
 *
 * @param repository           the repository root: the service jars are {@code <repository>/<module>/target/<module>.jar}
 * @param stateFolder          everything the stack keeps between runs (data, logs, the unpacked Keycloak)
 * @param wipe                 delete the state folder first, so the stack starts empty
 * @param withServices         start the gateway and the services; false starts the infrastructure only
 * @param loadDemoData         load the demo data sets when the state is new
 * @param simulateEnterpriseSystems run the ERP and finance simulator (orders and invoices for the demo customers)
 * @param keycloakDistribution the {@code keycloak-quarkus-dist} zip (the build copies it into local-stack/target/keycloak)
 * @param startTimeout         how long one part may take to become ready
 */
public record LocalStackOptions(Path repository, Path stateFolder, boolean wipe, boolean withServices,
                                boolean loadDemoData, boolean simulateEnterpriseSystems, Path keycloakDistribution, Duration startTimeout) {

    public static final String USAGE = """
            Usage: crm-local [--wipe] [--infra-only] [--no-demo-data] [--no-simulator] [--state <folder>] [--repo <folder>]
                             [--keycloak-zip <file>] [--start-timeout <seconds>]
              --wipe             delete the state folder first (default state folder: <repo>/.crm-local)
              --infra-only       start PostgreSQL, Kafka, MongoDB, GreenMail and Keycloak, but not the services
              --no-demo-data     do not load demo data into a new stack
              --no-simulator     do not run the ERP and finance simulator (orders and invoices on Kafka)
              --state <folder>   keep the stack's state in this folder
              --repo <folder>    the repository root (default: found upwards from the working directory)
              --keycloak-zip <f> the Keycloak distribution zip (default: local-stack/target/keycloak/...)
              --start-timeout <s> seconds one part may take to become ready (default 300)
              --help             this text (crm-local also takes --skip-build: start what was built last time)
            """;

    public LocalStackOptions {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(keycloakDistribution, "keycloakDistribution");
        Objects.requireNonNull(startTimeout, "startTimeout");
        repository = repository.toAbsolutePath().normalize();
        stateFolder = stateFolder.toAbsolutePath().normalize();
        keycloakDistribution = keycloakDistribution.toAbsolutePath().normalize();
    }

    /** The defaults for a repository: state in {@code <repo>/.crm-local}, everything started, demo data loaded. */
    public static LocalStackOptions defaults(Path repository) {
        return new LocalStackOptions(repository, repository.resolve(".crm-local"), false, true, true, true,
                defaultKeycloakDistribution(repository), Duration.ofMinutes(5));
    }

    public LocalStackOptions withStateFolder(Path folder) {
        return new LocalStackOptions(repository, folder, wipe, withServices, loadDemoData, simulateEnterpriseSystems, keycloakDistribution, startTimeout);
    }

    public LocalStackOptions withWipe(boolean value) {
        return new LocalStackOptions(repository, stateFolder, value, withServices, loadDemoData, simulateEnterpriseSystems, keycloakDistribution, startTimeout);
    }

    public LocalStackOptions withServices(boolean value) {
        return new LocalStackOptions(repository, stateFolder, wipe, value, loadDemoData, simulateEnterpriseSystems, keycloakDistribution, startTimeout);
    }

    public LocalStackOptions withDemoData(boolean value) {
        return new LocalStackOptions(repository, stateFolder, wipe, withServices, value, simulateEnterpriseSystems, keycloakDistribution, startTimeout);
    }

    public LocalStackOptions withSimulator(boolean value) {
        return new LocalStackOptions(repository, stateFolder, wipe, withServices, loadDemoData, value, keycloakDistribution, startTimeout);
    }

    public LocalStackOptions withStartTimeout(Duration value) {
        return new LocalStackOptions(repository, stateFolder, wipe, withServices, loadDemoData, simulateEnterpriseSystems, keycloakDistribution, value);
    }

    /** Parses the command line; throws {@link IllegalArgumentException} with a message for the user on a bad flag. */
    public static LocalStackOptions parse(String[] args, Path workingDirectory) {
        Path repository = null;
        Path state = null;
        Path keycloakZip = null;
        boolean wipe = false;
        boolean services = true;
        boolean demoData = true;
        boolean simulator = true;
        Duration timeout = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.removeFirst();
            switch (flag) {
                case "--wipe" -> wipe = true;
                case "--infra-only" -> services = false;
                case "--no-demo-data" -> demoData = false;
                case "--no-simulator" -> simulator = false;
                case "--state" -> state = Path.of(valueOf(flag, rest));
                case "--repo" -> repository = Path.of(valueOf(flag, rest));
                case "--keycloak-zip" -> keycloakZip = Path.of(valueOf(flag, rest));
                case "--start-timeout" -> timeout = Duration.ofSeconds(Long.parseLong(valueOf(flag, rest)));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        if (repository == null) {
            repository = findRepository(workingDirectory);
        }
        LocalStackOptions defaults = defaults(repository);
        return new LocalStackOptions(repository, state == null ? defaults.stateFolder() : state, wipe, services, demoData, simulator,
                keycloakZip == null ? defaults.keycloakDistribution() : keycloakZip,
                timeout == null ? defaults.startTimeout() : timeout);
    }

    /** The nearest folder upwards that holds {@code local-stack/pom.xml}. */
    public static Path findRepository(Path from) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("cannot find the repository root above " + from + ": pass --repo <folder>");
    }

    private static Path defaultKeycloakDistribution(Path repository) {
        String file = "keycloak-quarkus-dist-" + Versions.keycloak() + ".zip";
        Path built = repository.resolve("local-stack/target/keycloak").resolve(file);
        Path mavenRepository = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist",
                Versions.keycloak(), file);
        return Files.isRegularFile(built) || !Files.isRegularFile(mavenRepository) ? built : mavenRepository;
    }

    private static String valueOf(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return rest.removeFirst();
    }
}
