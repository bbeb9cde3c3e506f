package io.plantwatch.gateway.testing;

import io.plantwatch.gateway.routing.service.Upstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Five small HTTP servers on free ports standing in for the services behind the gateway (real sockets, real HTTP):
 * each answers with what it received (service, method, path, query, headers, body size) and serves a small OpenAPI
 * document at {@code /q/openapi}. Tests can stop one (connection refused), make it silent (never answers) or make it
 * answer an error status a number of times.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    /** How a stub behaves. */
    public enum Mode { NORMAL, SILENT }

    /** One stand-in service. */
    public static final class Stub {
        private final Upstream upstream;
        private final int port;
        private HttpServer server;
        private volatile Mode mode = Mode.NORMAL;
        private final AtomicInteger failuresLeft = new AtomicInteger();
        private volatile int failureStatus = 503;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile JsonObject openApi = new JsonObject();

        Stub(Upstream upstream, int port) {
            this.upstream = upstream;
            this.port = port;
        }

        public int port() {
            return port;
        }

        /** Calls to /api/v1/** received since the last {@link #reset()}. */
        public int calls() {
            return calls.get();
        }

        public Stub mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** The next {@code times} API calls get {@code status} with a JSON body. */
        public Stub failNext(int times, int status) {
            this.failureStatus = status;
            this.failuresLeft.set(times);
            return this;
        }

        public Stub openApi(JsonObject document) {
            this.openApi = document;
            return this;
        }

        public Stub reset() {
            mode = Mode.NORMAL;
            failuresLeft.set(0);
            calls.set(0);
            return this;
        }

        /** Stops listening: connections to its port are refused, as for a stopped service. */
        public synchronized void stop() {
            if (server != null) {
                await(server.close());
                server = null;
            }
        }

        public synchronized void start() {
            if (server == null) {
                server = await(VERTX.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1"));
            }
        }

        private void handle(HttpServerRequest request) {
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(openApi.encode());
                return;
            }
            calls.incrementAndGet();
            if (mode == Mode.SILENT) {
                return; // keeps the connection open and never answers
            }
            request.body().onSuccess(body -> {
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    request.response().setStatusCode(failureStatus).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("status", failureStatus).put("error", "stub-failure")
                                    .put("message", upstream.serviceName() + " stub failed on purpose").encode());
                    return;
                }
                Map<String, Object> headers = new HashMap<>();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("service", upstream.name())
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("headers", new JsonObject(headers))
                        .put("bodyLength", body.length())
                        .encode());
            });
        }
    }

    private static final Vertx VERTX = Vertx.vertx();
    private static final Map<Upstream, Stub> STUBS = new EnumMap<>(Upstream.class);

    public static Stub stub(Upstream upstream) {
        return STUBS.get(upstream);
    }

    /** Back to normal: every stub listening, answering, counters at zero. */
    public static void resetAll() {
        STUBS.values().forEach(s -> {
            s.reset();
            s.start();
        });
    }

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (Upstream upstream : Upstream.values()) {
            Stub stub = STUBS.computeIfAbsent(upstream, u -> new Stub(u, freePort()));
            stub.start();
            config.put("plantwatch.gateway.services." + upstream.name().toLowerCase(), "http://127.0.0.1:" + stub.port());
        }
        return config;
    }

    @Override
    public void stop() {
        STUBS.values().forEach(Stub::stop);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
