package io.plantwatch.e2e.fault;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a plan left behind, read through the gateway: readings in history (report-service, raw samples keyed by time),
 * anomalies in history (by anomaly id), alarms (alert-service). {@link #assertExact} is the acceptance check.
 *
 * @param sent              readings of the plan (all were accepted by ingest)
 * @param stored            raw samples in history for the plan's devices and time range
 * @param anomaliesExpected planned anomalies
 * @param anomalyIds        distinct anomaly ids in history
 * @param anomaliesFound    anomalies in history (one per id; a second id for one spike would count twice)
 * @param unplanned         anomalies in history that are not in the plan (device, channel, ts)
 * @param missing           planned anomalies not in history
 * @param alarmsExpected    planned alarms (one per device + channel)
 * @param alarmsFound       alarms of the plan's devices
 * @param alarmFolds        sum of the alarms' anomaly counts (each alarm must have folded exactly one anomaly)
 */
public record PipelineCounts(int sent, int stored, int anomaliesExpected, int anomalyIds, int anomaliesFound,
        List<String> unplanned, List<String> missing, int alarmsExpected, int alarmsFound, long alarmFolds) {

    /** Where each scenario's counts are appended, relative to the repository root. */
    static final String COUNTS_FILE = "deploy/e2e/target/fault-counts.txt";

    static PipelineCounts read(String gatewayUrl, Supplier<String> token, ReadingPlan plan) {
        String from = plan.start().minusSeconds(1).toString();
        String to = plan.ts(plan.readings() + 1).toString();
        int stored = 0;
        Set<String> ids = new HashSet<>();
        Set<ReadingPlan.Anomaly> found = new LinkedHashSet<>();
        int anomalies = 0;
        int alarms = 0;
        long folds = 0;
        for (String device : plan.deviceIds()) {
            stored += get(gatewayUrl, token, "/api/v1/devices/" + device + "/series",
                    Map.of("from", from, "to", to, "maxPoints", "5000")).jsonPath().getList("$").size();
            JsonPath history = get(gatewayUrl, token, "/api/v1/anomalies",
                    Map.of("deviceId", device, "from", from, "to", to, "size", "500")).jsonPath();
            List<Map<String, Object>> list = history.getList("$");
            anomalies += list.size();
            for (Map<String, Object> a : list) {
                ids.add((String) a.get("id"));
                found.add(new ReadingPlan.Anomaly(device, (String) a.get("channel"), Instant.parse((String) a.get("ts"))));
            }
            List<Map<String, Object>> alarmList = get(gatewayUrl, token, "/api/v1/alarms",
                    Map.of("deviceId", device, "size", "500")).jsonPath().getList("$");
            alarms += alarmList.size();
            for (Map<String, Object> a : alarmList) {
                folds += ((Number) a.get("count")).longValue();
            }
        }
        Set<ReadingPlan.Anomaly> expected = plan.anomalies();
        List<String> unplanned = new ArrayList<>();
        for (ReadingPlan.Anomaly a : found) {
            if (!expected.contains(a)) {
                unplanned.add(a.toString());
            }
        }
        List<String> missing = new ArrayList<>();
        for (ReadingPlan.Anomaly a : expected) {
            if (!found.contains(a)) {
                missing.add(a.toString());
            }
        }
        return new PipelineCounts(plan.totalReadings(), stored, expected.size(), ids.size(), anomalies, unplanned,
                missing, expected.size(), alarms, folds);
    }

    private static Response get(String gatewayUrl, Supplier<String> token, String path, Map<String, String> query) {
        Response r = given().baseUri(gatewayUrl).auth().oauth2(token.get()).queryParams(query).get(path);
        assertEquals(200, r.statusCode(), () -> path + " " + query + ": " + r.asString());
        return r;
    }

    /** Every reading once, every planned anomaly once and nothing else, one alarm per anomaly folding it once. */
    void assertExact() {
        assertEquals(List.of(), missing, "planned anomalies missing from history");
        assertEquals(List.of(), unplanned, "anomalies in history that were not planned");
        assertEquals(sent, stored, "readings in history");
        assertEquals(anomaliesExpected, anomaliesFound, "anomalies in history");
        assertEquals(anomaliesExpected, anomalyIds, "distinct anomaly ids");
        assertEquals(alarmsExpected, alarmsFound, "alarms");
        assertEquals(alarmsExpected, alarmFolds, "anomalies folded into the alarms (a replay must not count again)");
    }

    /** One line for the scenario's record (stdout and target/fault-counts.txt). */
    String line(String scenario, PlanDriver driver) {
        return String.format("%-34s sent=%d accepted=%d retries=%d stored=%d anomalies expected=%d found=%d (ids %d)"
                        + " alarms expected=%d found=%d folds=%d", scenario, sent, driver.readingsAccepted(),
                driver.retries(), stored, anomaliesExpected, anomaliesFound, anomalyIds, alarmsExpected, alarmsFound,
                alarmFolds);
    }

    static void record(String line) {
        System.out.println("[fault-counts] " + line);
        Path file = Path.of(System.getProperty("plantwatch.root", "../..")).resolve(COUNTS_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }
}
