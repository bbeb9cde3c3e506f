package io.plantwatch.gateway.routing.web;

import io.plantwatch.gateway.edge.web.ErrorReplies;
import io.plantwatch.gateway.edge.web.RouteOrder;
import io.plantwatch.gateway.routing.config.GatewayConfig;
import io.plantwatch.gateway.routing.service.InstancePool;
import io.plantwatch.gateway.routing.service.RouteTable;
import io.plantwatch.gateway.routing.service.Upstream;
import io.plantwatch.gateway.routing.service.UpstreamFailure;
import io.plantwatch.gateway.routing.service.UpstreamGuards;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Forwards {@code /api/v1/**} to the owning service with vertx-http-proxy's {@link ProxyRequest} (streams bodies both
 * ways; the bearer token and the request id go along, and each service verifies the token again).
 *
 * <p>Each call runs under the service's {@link UpstreamGuards} guard: a service that is down or failing gets a 503
 * JSON answer (at once while its breaker is open), a silent one a 504 after {@code response-timeout}, never a hang.
 * Only idempotent calls are retried, and only when repeating them is safe.
 *
 * <p>The HTTP client lives on Quarkus's own Vert.x, on the event loop of the incoming request: both sides of a call
 * are then handled on one thread, which vertx-http-proxy's stream piping expects. The known hang ("a second server on
 * Quarkus's Vert.x hangs at listen() with Prometheus on") concerns a second HTTP <em>server</em>; the gateway opens
 * none: the proxy is a route on Quarkus's own router.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    /** Paths under /api/v1 the gateway serves itself (quarkus-rest resources). */
    private static final List<String> OWN = List.of("/api/v1/live");
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    private static final Set<HttpMethod> BODILESS_BY_CUSTOM = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.DELETE);
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private final RouteTable routes = new RouteTable();
    private final Map<Upstream, InstancePool<SocketAddress>> origins = new EnumMap<>(Upstream.class);
    private GatewayConfig config;
    private UpstreamGuards guards;
    private HttpClient client;

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        this.config = config;
        origins.put(Upstream.AUTH, InstancePool.of(config.services().auth(), ApiProxy::address));
        origins.put(Upstream.INGEST, InstancePool.of(config.services().ingest(), ApiProxy::address));
        origins.put(Upstream.DETECTION, InstancePool.of(config.services().detection(), ApiProxy::address));
        origins.put(Upstream.ALERT, InstancePool.of(config.services().alert(), ApiProxy::address));
        origins.put(Upstream.REPORT, InstancePool.of(config.services().report(), ApiProxy::address));
        guards = new UpstreamGuards(config.resilience());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        router.route("/api/v1/*").order(RouteOrder.PROXY).handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (OWN.stream().anyMatch(path::startsWith)) {
            ctx.next();
            return;
        }
        Optional<Upstream> owner = routes.route(request.method().name(), path);
        if (owner.isEmpty()) {
            ErrorReplies.send(ctx.response(), 404, "not-found", "No PlantWatch service serves " + request.method()
                    + " " + path + ".");
            return;
        }
        Upstream upstream = owner.get();
        long declaredLength = contentLength(request);
        if (declaredLength > config.maxBodySize()) {
            ErrorReplies.send(ctx.response(), 413, "payload-too-large", "The request body has " + declaredLength
                    + " bytes; the limit is " + config.maxBodySize() + " bytes.");
            return;
        }
        boolean bodiless = declaredLength == 0 || declaredLength < 0 && !streamed(request);
        boolean idempotent = IDEMPOTENT.contains(request.method());

        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        LimitedReadStream limited = null;
        if (bodiless) {
            // no stream to pipe: the call can be sent again as it is
            proxyRequest.setBody(null);
        } else if (declaredLength < 0) {
            limited = new LimitedReadStream(request, config.maxBodySize());
            proxyRequest.setBody(Body.body(limited, -1));
        }
        LimitedReadStream streamedBody = limited;
        proxyRequest.headers().set("X-Forwarded-For", remoteHost(request));
        proxyRequest.headers().set("X-Forwarded-Host", String.valueOf(request.authority()));
        proxyRequest.headers().set("X-Forwarded-Proto", request.scheme());

        Context context = Vertx.currentContext();
        CompletionStage<ProxyResponse> answer;
        try {
            answer = guards.call(upstream, () -> onContext(context,
                    () -> attempt(upstream, proxyRequest, idempotent, idempotent && bodiless)));
        } catch (Exception e) {
            answer = Future.<ProxyResponse>failedFuture(e).toCompletionStage();
        }
        Future.fromCompletionStage(answer, context).onComplete(result -> {
            if (result.succeeded()) {
                result.result().send();
            } else {
                fail(ctx, proxyRequest, upstream, result.cause(),
                        streamedBody != null && streamedBody.exceeded());
            }
        });
    }

    /**
     * One attempt: get a connection to the instance whose turn it is, or to the next one when it cannot be reached (the
     * call never left the gateway then, so this is safe for every method); a failure to reach any instance may be
     * repeated for an idempotent call. Then send the call and wait for the answer's head (repeatable only when there is
     * no body to send again).
     */
    private Future<ProxyResponse> attempt(Upstream upstream, ProxyRequest proxyRequest, boolean retryConnect,
            boolean retryCall) {
        return connect(origins.get(upstream).rotation(), 0)
                .recover(e -> Future.failedFuture(new UpstreamFailure(upstream, UpstreamFailure.Kind.UNREACHABLE,
                        retryConnect, e, null)))
                .compose(clientRequest -> proxyRequest.send(clientRequest)
                        .recover(e -> Future.failedFuture(new UpstreamFailure(upstream,
                                timeout(e) ? UpstreamFailure.Kind.TIMEOUT : UpstreamFailure.Kind.BROKEN,
                                retryCall && !timeout(e), e, null))))
                .compose(response -> UNAVAILABLE.contains(response.getStatusCode())
                        ? Future.failedFuture(new UpstreamFailure(upstream, UpstreamFailure.Kind.UNAVAILABLE_ANSWER,
                                retryCall, null, response))
                        : Future.succeededFuture(response));
    }

    /** A connection to {@code instances[index]}, else to the next instance that can be reached. */
    private Future<HttpClientRequest> connect(List<SocketAddress> instances, int index) {
        RequestOptions options = new RequestOptions().setServer(instances.get(index))
                .setIdleTimeout(config.responseTimeout().toMillis());
        Future<HttpClientRequest> connection = client.request(options);
        if (index + 1 == instances.size()) {
            return connection;
        }
        return connection.recover(unreachable -> {
            LOG.debugf("instance %s unreachable (%s); trying the next one", instances.get(index), unreachable);
            return connect(instances, index + 1);
        });
    }

    private void fail(RoutingContext ctx, ProxyRequest proxyRequest, Upstream upstream, Throwable failure,
            boolean bodyTooLarge) {
        String service = upstream.serviceName();
        long breakerSeconds = Math.max(1, config.resilience().breakerDelay().toSeconds());
        if (bodyTooLarge) {
            // the cut-off stream makes the upstream call fail in one of several ways; the cause is the size
            if (failure instanceof UpstreamFailure f && f.answer() != null) {
                f.answer().release();
            }
            proxyRequest.release();
            ErrorReplies.send(ctx.response(), 413, "payload-too-large", new BodyTooLargeException(
                    config.maxBodySize()).getMessage());
            return;
        }
        if (failure instanceof UpstreamFailure f && f.answer() != null) {
            // the service answered 502/503/504 itself (e.g. its database is down): pass its own answer on
            f.answer().send();
            return;
        }
        proxyRequest.release();
        if (failure instanceof CircuitBreakerOpenException) {
            ErrorReplies.send(ctx.response(), 503, "service-unavailable", service
                    + " is unavailable: it failed repeatedly, so the gateway stops calling it for a few seconds. "
                    + "Try again shortly.", breakerSeconds);
        } else if (failure instanceof BodyTooLargeException
                || failure instanceof UpstreamFailure f && f.getCause() instanceof BodyTooLargeException) {
            ErrorReplies.send(ctx.response(), 413, "payload-too-large", new BodyTooLargeException(
                    config.maxBodySize()).getMessage());
        } else if (failure instanceof UpstreamFailure f && f.kind() == UpstreamFailure.Kind.TIMEOUT) {
            ErrorReplies.send(ctx.response(), 504, "gateway-timeout", service + " did not answer within "
                    + config.responseTimeout().toSeconds() + " s.", 0);
        } else if (failure instanceof UpstreamFailure f && f.kind() == UpstreamFailure.Kind.UNREACHABLE) {
            ErrorReplies.send(ctx.response(), 503, "service-unavailable", service
                    + " is not reachable (it may be stopped or restarting). Try again shortly.", breakerSeconds);
        } else {
            LOG.warnf("call to %s failed: %s", service, failure.toString());
            ErrorReplies.send(ctx.response(), 503, "service-unavailable", service
                    + " broke off the call. Try again shortly.", breakerSeconds);
        }
    }

    /** Runs {@code action} on the request's event loop, also when the retry's timer calls from its own thread. */
    private static CompletionStage<ProxyResponse> onContext(Context context,
            java.util.function.Supplier<Future<ProxyResponse>> action) {
        Promise<ProxyResponse> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future().toCompletionStage();
    }

    private static boolean timeout(Throwable e) {
        return e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A body without Content-Length: chunked in HTTP/1.1; in HTTP/2 (also after an h2c upgrade, as Java's HttpClient
     * asks for) there is no Transfer-Encoding at all, so any method that normally carries a body is taken as streamed.
     */
    private static boolean streamed(HttpServerRequest request) {
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            return !BODILESS_BY_CUSTOM.contains(request.method());
        }
        String te = request.getHeader("Transfer-Encoding");
        return te != null && te.toLowerCase().contains("chunked");
    }

    private static String remoteHost(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    static SocketAddress address(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return SocketAddress.inetSocketAddress(port, uri.getHost());
    }
}
