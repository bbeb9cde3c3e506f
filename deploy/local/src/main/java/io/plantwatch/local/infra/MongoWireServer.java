package io.plantwatch.local.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB wire protocol served by mongo-java-server: in memory for tests, on an H2 file for the local
 * stack (data survive restarts). Services talk to it with the real MongoDB driver.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final String connectionString;

    private MongoWireServer(MongoServer server, MongoBackend backend, String connectionString) {
        this.server = server;
        this.backend = backend;
        this.connectionString = connectionString;
    }

    /** In-memory store on {@code port} (0 = any free port). */
    public static MongoWireServer inMemory(int port) {
        return bind(new MemoryBackend().version(ServerVersion.MONGO_5_0), port);
    }

    /** H2 file store at {@code file}; needs the optional mongo-java-server-h2-backend on the classpath. */
    public static MongoWireServer onFile(Path file, int port) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MongoBackend backend = new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toAbsolutePath().toString())
                .version(ServerVersion.MONGO_5_0);
        return bind(backend, port);
    }

    private static MongoWireServer bind(MongoBackend backend, int port) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        java.net.InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer(server, backend, "mongodb://127.0.0.1:" + address.getPort());
    }

    public String connectionString() {
        return connectionString;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
