package org.crmsuite.platform.test;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One MongoDB wire-protocol server per test JVM (mongo-java-server, in memory). Each Spring test context gets a
 * database of its own. Production runs on a real MongoDB: services use only what both accept.
 */
public final class SharedMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile MongoServer server;
    private static volatile InetSocketAddress address;

    public static synchronized InetSocketAddress address() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            address = server.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "shared-mongo-stop"));
        }
        return address;
    }

    /** A connection string to a fresh database on the shared server. */
    public static String newDatabaseUri(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).replaceAll("[^A-Za-z0-9_]", "_");
        InetSocketAddress at = address();
        return "mongodb://" + at.getHostString() + ":" + at.getPort() + "/" + name;
    }

    private SharedMongo() {
    }
}
