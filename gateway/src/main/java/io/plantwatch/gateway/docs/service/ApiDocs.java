package io.plantwatch.gateway.docs.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.gateway.routing.config.GatewayConfig;
import io.plantwatch.gateway.routing.service.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The aggregated OpenAPI document: fetched from each service's {@code /q/openapi} (in parallel, 3 s each), merged by
 * {@link OpenApiMerger}, kept for 30 s. A service that is down is left out and named, never waited for.
 */
@ApplicationScoped
public class ApiDocs {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private final OpenApiMerger merger = new OpenApiMerger();
    private volatile ObjectNode cached;
    private volatile long cachedAtNanos;

    /** The merged document; {@code gatewayBaseUrl} is where the gateway's own document is served. */
    public CompletableFuture<ObjectNode> document(String gatewayBaseUrl) {
        ObjectNode current = cached;
        if (current != null && System.nanoTime() - cachedAtNanos < CACHE_FOR.toNanos()) {
            return CompletableFuture.completedFuture(current);
        }
        Map<Upstream, String> bases = new EnumMap<>(Upstream.class);
        bases.put(Upstream.AUTH, firstInstance(config.services().auth()));
        bases.put(Upstream.INGEST, firstInstance(config.services().ingest()));
        bases.put(Upstream.DETECTION, firstInstance(config.services().detection()));
        bases.put(Upstream.ALERT, firstInstance(config.services().alert()));
        bases.put(Upstream.REPORT, firstInstance(config.services().report()));
        Map<String, CompletableFuture<JsonNode>> fetches = new LinkedHashMap<>();
        fetches.put("gateway", fetch(gatewayBaseUrl));
        bases.forEach((upstream, base) -> fetches.put(upstream.name(), fetch(base)));
        return CompletableFuture.allOf(fetches.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            fetches.forEach((key, future) -> {
                JsonNode doc = future.join();
                Upstream upstream = "gateway".equals(key) ? null : Upstream.valueOf(key);
                String name = upstream == null ? "gateway" : upstream.serviceName();
                if (doc == null) {
                    unavailable.add(name);
                } else {
                    sources.add(new OpenApiMerger.Source(name, upstream, doc));
                }
            });
            ObjectNode merged = merger.merge(sources, unavailable);
            if (unavailable.isEmpty()) {
                cached = merged;
                cachedAtNanos = System.nanoTime();
            }
            return merged;
        });
    }

    /** Every instance of a service serves the same document: ask the first one configured. */
    private static String firstInstance(String commaSeparatedUrls) {
        return io.plantwatch.gateway.routing.service.InstancePool.urls(commaSeparatedUrls).get(0);
    }

    private CompletableFuture<JsonNode> fetch(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                .timeout(FETCH_TIMEOUT).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                return null;
            }
            try {
                return mapper.readTree(response.body());
            } catch (Exception e) {
                return null;
            }
        });
    }
}
