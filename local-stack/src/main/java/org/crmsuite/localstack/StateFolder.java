package org.crmsuite.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * The one folder that holds the stack's state, so a restart keeps the data:
 * <pre>
 * postgres/      PostgreSQL data directory
 * kafka/         Kafka log directory (formatted on first start)
 * mongo/         the MongoDB wire server's H2 file
 * keycloak/      the unpacked Keycloak distribution, with its dev-file database under data/
 * logs/          one log per part: launcher, kafka, postgres, keycloak, each service
 * processes     pid and start time of each child process while the stack runs (see LeftoverProcesses)
 * stack.properties  written once the stack has started completely; until then the state counts as new
 * </pre>
 */
public final class StateFolder {

    private static final String INITIALIZED_MARKER = "stack.properties";

    private final Path root;
    private final boolean fresh;

    private StateFolder(Path root, boolean fresh) {
        this.root = root;
        this.fresh = fresh;
    }

    /** Opens (and with {@code wipe} first deletes) the folder. */
    public static StateFolder open(Path root, boolean wipe) {
        try {
            if (wipe) {
                requireStateFolder(root);
                delete(root);
            }
            boolean fresh = !Files.exists(root.resolve(INITIALIZED_MARKER));
            Files.createDirectories(root.resolve("logs"));
            // Keeps the folder out of git even where the repository's .gitignore does not list it.
            Path gitignore = root.resolve(".gitignore");
            if (!Files.exists(gitignore)) {
                Files.writeString(gitignore, "*\n");
            }
            return new StateFolder(root, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the state folder " + root, e);
        }
    }

    /** True until the stack has once started completely on this folder: demo data goes only into a new stack. */
    public boolean isFresh() {
        return fresh;
    }

    public void markInitialized() {
        try {
            Files.writeString(root.resolve(INITIALIZED_MARKER), "initialized=" + Instant.now() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String part) {
        return logs().resolve(part + ".log");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path mongo() {
        return root.resolve("mongo");
    }

    public Path keycloak() {
        return root.resolve("keycloak");
    }

    /** Refuses to wipe a folder that the stack did not make (a mistyped --state must not delete someone's files). */
    private static void requireStateFolder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var children = Files.list(root)) {
            if (children.findAny().isEmpty()) {
                return;
            }
        }
        if (!Files.exists(root.resolve(".gitignore")) || !Files.isDirectory(root.resolve("logs"))) {
            throw new IllegalArgumentException(root + " does not look like a local stack state folder; not wiping it");
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
