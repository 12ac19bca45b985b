package org.crmsuite.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB wire protocol from mongo-java-server in the launcher's JVM, on 127.0.0.1:27027, its data in an H2
 * MVStore file in the state folder so it survives a restart. Services use the databases {@code ticket} and
 * {@code analytics}; production runs a real MongoDB.
 */
public final class MongoNode implements Node {

    private final Path file;
    private final Path log;
    private volatile MongoServer server;

    public MongoNode(StateFolder state) {
        this.file = state.mongo().resolve("mongo.mv");
        this.log = state.log("launcher");
    }

    @Override
    public String name() {
        return "MongoDB (mongo-java-server)";
    }

    @Override
    public List<Integer> ports() {
        return List.of(Endpoints.MONGO);
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(file.getParent());
        MongoServer mongo = new MongoServer(new H2Backend(file.toString()));
        server = mongo;
        mongo.bind(Endpoints.HOST, Endpoints.MONGO);
    }

    @Override
    public void close() {
        MongoServer running = server;
        server = null;
        if (running != null) {
            try {
                running.shutdown(); // closes the backend, which commits the H2 file
            } catch (RuntimeException e) {
                System.err.println("  MongoDB did not stop cleanly: " + e);
            }
        }
    }
}
