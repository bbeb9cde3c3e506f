package io.plantwatch.gateway.testing;

import io.plantwatch.gateway.routing.service.Upstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Stand-in services where ingest-service has three configured instances: two answering stubs and, between them, a
 * port nobody listens on (an instance that is down). The other services have one stub each.
 */
public class InstanceStubs implements QuarkusTestResourceLifecycleManager {

    public static final UpstreamStubs.Stub INGEST_A = new UpstreamStubs.Stub(Upstream.INGEST, freePort());
    public static final UpstreamStubs.Stub INGEST_B = new UpstreamStubs.Stub(Upstream.INGEST, freePort());
    /** A port with no server behind it: connections are refused. */
    public static final int INGEST_DOWN_PORT = freePort();

    private final Map<Upstream, UpstreamStubs.Stub> others = new HashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        INGEST_A.start();
        INGEST_B.start();
        config.put("plantwatch.gateway.services.ingest", "http://127.0.0.1:" + INGEST_A.port() + ", http://127.0.0.1:"
                + INGEST_DOWN_PORT + ",http://127.0.0.1:" + INGEST_B.port() + "/");
        for (Upstream upstream : Upstream.values()) {
            if (upstream != Upstream.INGEST) {
                UpstreamStubs.Stub stub = new UpstreamStubs.Stub(upstream, freePort());
                stub.start();
                others.put(upstream, stub);
                config.put("plantwatch.gateway.services." + upstream.name().toLowerCase(), "http://127.0.0.1:" + stub.port());
            }
        }
        return config;
    }

    @Override
    public void stop() {
        INGEST_A.stop();
        INGEST_B.stop();
        others.values().forEach(UpstreamStubs.Stub::stop);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
