package io.plantwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The compose file and the Kubernetes overlays validate offline and contain what a deployment needs. */
class DeployManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("plantwatch.root", "../..")).toAbsolutePath().normalize();
    private static final Set<String> SERVICES = Set.of("auth-service", "ingest-service", "detection-service",
            "alert-service", "report-service", "gateway");

    @Test
    void composeFileValidates() throws Exception {
        Result r = run(List.of("docker-compose", "-f", ROOT.resolve("deploy/compose/docker-compose.yml").toString(),
                "config"), "docker-compose (apt-get install docker-compose)");
        assertEquals(0, r.code, r.output);
        List<JsonNode> docs = yaml(r.output);
        JsonNode services = docs.get(0).get("services");
        for (String s : SERVICES) {
            assertTrue(services.has(s), "compose service " + s);
        }
        for (String infra : List.of("kafka", "mongo1", "mongo2", "mongo3", "mosquitto", "mailpit")) {
            assertTrue(services.has(infra), "compose infrastructure " + infra);
        }
        assertTrue(services.get("mongo1").get("command").toString().contains("--replSet"), "MongoDB runs as a replica set");
        assertTrue(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText().contains("controller"),
                "Kafka in KRaft mode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kustomizeOverlayBuilds(String overlay) throws Exception {
        Result r = run(List.of("kubectl", "kustomize", ROOT.resolve("deploy/k8s/overlays/" + overlay).toString()),
                "kubectl (with kustomize built in)");
        assertEquals(0, r.code, r.output);
        List<JsonNode> docs = yaml(r.output);
        List<JsonNode> deployments = ofKind(docs, "Deployment");
        Set<String> names = deployments.stream().map(d -> d.at("/metadata/name").asText()).collect(Collectors.toSet());
        assertTrue(names.containsAll(SERVICES), "a Deployment per service: " + names);
        for (JsonNode d : deployments) {
            if (!SERVICES.contains(d.at("/metadata/name").asText())) {
                continue;
            }
            JsonNode c = d.at("/spec/template/spec/containers/0");
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), "readiness of " + d.at("/metadata/name"));
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
            assertFalse(c.at("/resources/limits/memory").isMissingNode(), "memory limit");
        }
        Set<String> hpas = names(ofKind(docs, "HorizontalPodAutoscaler"));
        assertEquals(Set.of("ingest-service", "detection-service"), hpas);
        assertTrue(names(ofKind(docs, "PodDisruptionBudget")).containsAll(SERVICES));
        assertEquals(1, ofKind(docs, "Kafka").size(), "Strimzi Kafka");
        Set<String> topics = ofKind(docs, "KafkaTopic").stream().map(t -> t.at("/spec/topicName").asText())
                .collect(Collectors.toSet());
        assertTrue(topics.containsAll(Set.of("plant.readings", "plant.anomalies", "plant.alarms", "plant.readings.dlq",
                "plant.device-status", "plant.devices", "plant.users", "plant.follows")), topics.toString());
        ofKind(docs, "KafkaTopic").forEach(t -> assertEquals(6, t.at("/spec/partitions").asInt()));
        assertEquals(3, ofKind(docs, "StatefulSet").get(0).at("/spec/replicas").asInt(), "MongoDB replica set of 3");
        assertTrue(ofKind(docs, "NetworkPolicy").size() >= 4, "network policies");
        assertTrue(ofKind(docs, "Secret").isEmpty(), "secrets are referenced, never committed");
        assertTrue(r.output.contains("secretName: plantwatch-jwt"), "JWT keys come from a Secret");
    }

    private static Set<String> names(List<JsonNode> docs) {
        return docs.stream().map(d -> d.at("/metadata/name").asText()).collect(Collectors.toSet());
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> yaml(String text) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, String install) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command.get(0) + " is not installed: install " + install + " (./plantwatch test does it when root)");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out);
    }

}
