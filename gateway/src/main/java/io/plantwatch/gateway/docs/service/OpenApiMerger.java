package io.plantwatch.gateway.docs.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.plantwatch.gateway.routing.service.RouteTable;
import io.plantwatch.gateway.routing.service.Upstream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the one document of the public API: only the {@code /api/v1} operations
 * that the gateway actually routes to that service (so the document is what a client can call through the gateway),
 * tagged by service, with schema names made unique when two services use one name for different shapes.
 */
public final class OpenApiMerger {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String SCHEMA_REF = "#/components/schemas/";

    /** One service's document; {@code upstream} is null for the gateway itself. */
    public record Source(String serviceName, Upstream upstream, JsonNode document) {
    }

    private final RouteTable routes = new RouteTable();
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    /**
     * @param sources     the documents fetched
     * @param unavailable names of services whose document could not be fetched (named in the description)
     */
    public ObjectNode merge(List<Source> sources, List<String> unavailable) {
        ObjectNode out = json.objectNode();
        out.put("openapi", sources.stream().map(s -> s.document().path("openapi").asText(null))
                .filter(v -> v != null).findFirst().orElse("3.0.3"));
        ObjectNode info = out.putObject("info");
        info.put("title", "PlantWatch API");
        info.put("version", "1");
        StringBuilder description = new StringBuilder("Every PlantWatch endpoint, as served through the gateway under "
                + "/api/v1. Sign in with POST /api/v1/auth/login and send the access token as 'Authorization: Bearer …'.");
        if (!unavailable.isEmpty()) {
            description.append(" Not included right now (service not reachable): ").append(String.join(", ", unavailable))
                    .append('.');
        }
        info.put("description", description.toString());
        out.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = out.putObject("paths");
        ObjectNode schemas = json.objectNode();
        ObjectNode securitySchemes = json.objectNode();
        ArrayNode tags = out.putArray("tags");

        for (Source source : sources) {
            Map<String, String> renames = schemaRenames(source, schemas);
            JsonNode document = rewriteRefs(source.document().deepCopy(), renames);
            boolean any = false;
            Iterator<Map.Entry<String, JsonNode>> pathIt = document.path("paths").fields();
            while (pathIt.hasNext()) {
                Map.Entry<String, JsonNode> path = pathIt.next();
                if (!path.getKey().startsWith("/api/v1/") && !path.getKey().equals("/api/v1")) {
                    continue;
                }
                Iterator<Map.Entry<String, JsonNode>> opIt = path.getValue().fields();
                while (opIt.hasNext()) {
                    Map.Entry<String, JsonNode> op = opIt.next();
                    if (!METHODS.contains(op.getKey()) || !routedTo(source, op.getKey(), path.getKey())) {
                        continue;
                    }
                    ObjectNode operation = (ObjectNode) op.getValue();
                    operation.set("tags", json.arrayNode().add(source.serviceName()));
                    ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                            : paths.putObject(path.getKey());
                    target.set(op.getKey(), operation);
                    any = true;
                }
            }
            if (any) {
                tags.addObject().put("name", source.serviceName());
            }
            document.path("components").path("schemas").fields().forEachRemaining(e -> {
                String name = renames.getOrDefault(e.getKey(), e.getKey());
                schemas.set(name, e.getValue());
            });
            document.path("components").path("securitySchemes").fields()
                    .forEachRemaining(e -> securitySchemes.set(e.getKey(), e.getValue()));
        }
        ObjectNode components = out.putObject("components");
        components.set("schemas", sortFields(schemas));
        components.set("securitySchemes", securitySchemes);
        out.set("paths", sortFields(paths));
        return out;
    }

    /** Does the gateway send this operation to the service whose document lists it? */
    private boolean routedTo(Source source, String method, String templatePath) {
        String concrete = templatePath.replaceAll("\\{[^/}]+}", "x");
        Optional<Upstream> owner = routes.route(method.toUpperCase(), concrete);
        if (source.upstream() == null) {
            return owner.isEmpty(); // the gateway's own operations are the ones no service owns
        }
        return owner.isPresent() && owner.get() == source.upstream();
    }

    /** Schemas of this source whose name is already taken by a different shape get the service as prefix. */
    private Map<String, String> schemaRenames(Source source, ObjectNode existing) {
        Map<String, String> renames = new LinkedHashMap<>();
        source.document().path("components").path("schemas").fields().forEachRemaining(e -> {
            JsonNode taken = existing.get(e.getKey());
            if (taken != null && !taken.equals(e.getValue())) {
                renames.put(e.getKey(), prefix(source.serviceName()) + "_" + e.getKey());
            }
        });
        return renames;
    }

    private static String prefix(String serviceName) {
        StringBuilder out = new StringBuilder();
        for (String part : serviceName.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private JsonNode rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if ("$ref".equals(name) && child.isTextual() && child.asText().startsWith(SCHEMA_REF)) {
                    String target = child.asText().substring(SCHEMA_REF.length());
                    if (renames.containsKey(target)) {
                        object.set(name, TextNode.valueOf(SCHEMA_REF + renames.get(target)));
                    }
                } else {
                    rewriteRefs(child, renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
        return node;
    }

    private ObjectNode sortFields(ObjectNode node) {
        ObjectNode sorted = json.objectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> sorted.set(n, node.get(n)));
        return sorted;
    }
}
