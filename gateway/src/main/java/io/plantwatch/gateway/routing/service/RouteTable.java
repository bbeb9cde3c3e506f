package io.plantwatch.gateway.routing.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which service owns an API path: the API map of ARCHITECTURE.md as data. The first matching rule wins, so
 * specific rules (GET /devices/{id}/series → report) come before general ones (/devices → ingest).
 */
public final class RouteTable {

    private record Rule(Set<String> methods, Pattern path, Upstream upstream) {
        boolean matches(String method, String p) {
            return (methods.isEmpty() || methods.contains(method)) && path.matcher(p).matches();
        }
    }

    private static final Set<String> ANY = Set.of();
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private static final List<Rule> RULES = List.of(
            rule(ANY, "/api/v1/(auth|users|posts|follows|feed)(/.*)?", Upstream.AUTH),
            rule(ANY, "/api/v1/devices/[^/]+/credentials(/.*)?", Upstream.AUTH),
            rule(READS, "/api/v1/devices/[^/]+/series", Upstream.REPORT),
            rule(ANY, "/api/v1/(devices|ingest)(/.*)?", Upstream.INGEST),
            rule(Set.of("POST"), "/api/v1/data", Upstream.INGEST),
            rule(READS, "/api/v1/(data|sensors|stats|reports|plot|top)(/.*)?", Upstream.REPORT),
            rule(ANY, "/api/v1/anomalies/check", Upstream.DETECTION),
            rule(READS, "/api/v1/anomalies(/.*)?", Upstream.REPORT),
            rule(ANY, "/api/v1/(infer|models|detection|predictions|causes)(/.*)?", Upstream.DETECTION),
            rule(ANY, "/api/v1/(alarms|notifications)(/.*)?", Upstream.ALERT),
            rule(ANY, "/api/v1/(reports|subscriptions)(/.*)?", Upstream.REPORT));

    private static Rule rule(Set<String> methods, String regex, Upstream upstream) {
        return new Rule(methods, Pattern.compile(regex), upstream);
    }

    /** The owning service, or empty when no service owns the path (404 at the gateway). */
    public Optional<Upstream> route(String method, String path) {
        for (Rule rule : RULES) {
            if (rule.matches(method, path)) {
                return Optional.of(rule.upstream());
            }
        }
        return Optional.empty();
    }
}
