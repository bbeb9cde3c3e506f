package io.plantwatch.gateway.edge.web;

import io.plantwatch.gateway.edge.config.EdgeConfig;
import io.plantwatch.gateway.edge.service.TokenBuckets;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The edge's per-request duties before routing: a request id for every call (kept when the caller sends a sane one,
 * forwarded to the services, returned in the answer and written in the logs), and rate limits per user, per device
 * and per address (429 with Retry-After).
 */
@ApplicationScoped
public class EdgeFilters {

    public static final String REQUEST_ID = "X-Request-Id";
    /** MDC key: {@code %X{requestId}} in the log format. */
    public static final String MDC_REQUEST_ID = "requestId";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TokenBuckets buckets = new TokenBuckets();
    private TokenBuckets.Limit userLimit;
    private TokenBuckets.Limit deviceLimit;
    private TokenBuckets.Limit anonymousLimit;

    void install(@Observes Router router, Vertx vertx, EdgeConfig config) {
        router.route().order(RouteOrder.REQUEST_ID).handler(this::requestId);
        if (config.enabled()) {
            userLimit = new TokenBuckets.Limit(config.userRate(), config.userBurst());
            deviceLimit = new TokenBuckets.Limit(config.deviceRate(), config.deviceBurst());
            anonymousLimit = new TokenBuckets.Limit(config.anonymousRate(), config.anonymousBurst());
            router.route("/api/v1/*").order(RouteOrder.RATE_LIMIT).handler(this::rateLimit);
            TokenBuckets.Limit slowest = slowest(userLimit, deviceLimit, anonymousLimit);
            vertx.setPeriodic(60_000, id -> buckets.evictFull(slowest));
        }
    }

    private void requestId(RoutingContext ctx) {
        String incoming = ctx.request().getHeader(REQUEST_ID);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.request().headers().set(REQUEST_ID, id);
        ctx.put(MDC_REQUEST_ID, id);
        MDC.put(MDC_REQUEST_ID, id);
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(REQUEST_ID, id));
        ctx.next();
    }

    private void rateLimit(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        String key;
        TokenBuckets.Limit limit;
        if (identity == null || identity.isAnonymous()) {
            key = "address:" + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress());
            limit = anonymousLimit;
        } else if (identity.hasRole("device") && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getClaim("deviceId") != null) {
            key = "device:" + jwt.getClaim("deviceId");
            limit = deviceLimit;
        } else {
            key = "user:" + identity.getPrincipal().getName();
            limit = userLimit;
        }
        long waitSeconds = buckets.acquire(key, limit);
        if (waitSeconds > 0) {
            ErrorReplies.send(ctx.response(), 429, "too-many-requests", "Too many requests from " + key
                    + " (limit " + (int) limit.ratePerSecond() + "/s, bursts of " + limit.burst() + "). Try again in "
                    + waitSeconds + " s.", waitSeconds);
            return;
        }
        ctx.next();
    }

    private static TokenBuckets.Limit slowest(TokenBuckets.Limit... limits) {
        TokenBuckets.Limit slowest = limits[0];
        for (TokenBuckets.Limit l : limits) {
            if (l.burst() / l.ratePerSecond() > slowest.burst() / slowest.ratePerSecond()) {
                slowest = l;
            }
        }
        return slowest;
    }
}
