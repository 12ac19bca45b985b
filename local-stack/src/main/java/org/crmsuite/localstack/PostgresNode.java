package org.crmsuite.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's embedded binaries, on 127.0.0.1:15432 with a data directory that survives restarts, and the
 * services' databases created when missing. User {@code postgres}, trust authentication (local only).
 */
public final class PostgresNode implements Node {

    private final Path dataDirectory;
    private final Path log;
    private volatile EmbeddedPostgres postgres;

    public PostgresNode(StateFolder state) {
        this.dataDirectory = state.postgres();
        this.log = state.log("postgres");
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public List<Integer> ports() {
        return List.of(Endpoints.POSTGRES);
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void start() throws IOException, SQLException {
        stopLeftoverServer();
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(Endpoints.POSTGRES)
                .setServerConfig("listen_addresses", Endpoints.HOST)
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                // The launcher stops the server itself, after the services that use it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        createDatabases();
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : Endpoints.POSTGRES_DATABASES) {
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    query.setString(1, database);
                    try (ResultSet rows = query.executeQuery()) {
                        exists = rows.next();
                    }
                }
                if (!exists) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
                    }
                }
            }
        }
    }

    /** The postmaster's process id (PostgreSQL runs detached from the launcher, so it is not a child process). */
    public Optional<ProcessHandle> postmaster() {
        return postmasterOf(dataDirectory);
    }

    @Override
    public List<ProcessHandle> processes() {
        return postmaster().stream().toList();
    }

    /**
     * A launcher killed with SIGKILL leaves its PostgreSQL running on the data directory; stop it, so this start can
     * take over the directory and the port.
     */
    void stopLeftoverServer() {
        postmasterOf(dataDirectory).ifPresent(leftover -> {
            System.out.println("  stopping a PostgreSQL left running on " + dataDirectory + " (pid " + leftover.pid() + ")");
            leftover.destroy(); // SIGTERM: smart shutdown; its clients are gone
            ChildProcess.awaitExit(List.of(leftover), Duration.ofSeconds(15));
            if (leftover.isAlive()) {
                leftover.destroyForcibly();
                ChildProcess.awaitExit(List.of(leftover), Duration.ofSeconds(5));
            }
        });
    }

    static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            Optional<ProcessHandle> postmaster = postmaster();
            try {
                running.close(); // pg_ctl stop -m fast
            } catch (IOException | RuntimeException e) {
                System.err.println("  PostgreSQL did not stop cleanly: " + e);
            }
            postmaster.ifPresent(process -> {
                ChildProcess.awaitExit(List.of(process), Duration.ofSeconds(10));
                process.destroyForcibly();
            });
        }
    }
}
