package io.plantwatch.report.anomaly;

import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anomalies and alarm changes through the real topics: history with filters, sorting and paging, the resolved flag
 * from the alarm state, replays stored once, top-N views.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class AnomalyHistoryTest {

    private static final Instant BASE = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    private static final String BOTH = "anom-1,anom-2";
    private static boolean loaded;

    @BeforeEach
    void anomaliesAndAlarms() {
        if (loaded) {
            return;
        }
        List<AnomalyEvent> anomalies = new ArrayList<>(List.of(
                Events.anomaly("anom-1", "pressure", BASE, AnomalyType.SPIKE, Severity.WARNING, "zscore", 5.1),
                Events.anomaly("anom-1", "pressure", BASE.plusSeconds(60), AnomalyType.SPIKE, Severity.MAJOR, "zscore", 6.1),
                Events.anomaly("anom-1", "pressure", BASE.plusSeconds(120), AnomalyType.SPIKE, Severity.CRITICAL, "zscore", 9.5),
                Events.anomaly("anom-1", "temp", BASE.plusSeconds(30), AnomalyType.OUT_OF_RANGE, Severity.MINOR, "threshold", 130),
                Events.anomaly("anom-2", "pressure", BASE.plusSeconds(10), AnomalyType.DRIFT, Severity.INFO, "ewma", 2.9),
                Events.anomaly("anom-2", "pressure", BASE.plusSeconds(300), AnomalyType.DRIFT, Severity.INFO, "ewma", 3.0)));
        Events.anomalies(anomalies);
        Events.anomalies(anomalies); // replayed: stored once
        Events.alarms(List.of(
                Events.alarm("A1", 1, "anom-1", "pressure", AnomalyType.SPIKE, Severity.MAJOR, AlarmStatus.ACTIVE_UNACK, 3,
                        BASE, BASE.plusSeconds(120), AlarmChange.CREATED),
                Events.alarm("A1", 2, "anom-1", "pressure", AnomalyType.SPIKE, Severity.CRITICAL, AlarmStatus.CLEARED_UNACK, 3,
                        BASE, BASE.plusSeconds(120), AlarmChange.CLEARED),
                Events.alarm("A2", 1, "anom-1", "temp", AnomalyType.OUT_OF_RANGE, Severity.MINOR, AlarmStatus.ACTIVE_UNACK, 1,
                        BASE.plusSeconds(30), BASE.plusSeconds(30), AlarmChange.CREATED),
                Events.alarm("A3", 4, "anom-2", "pressure", AnomalyType.DRIFT, Severity.INFO, AlarmStatus.CLEARED_ACK, 1,
                        BASE.plusSeconds(10), BASE.plusSeconds(10), AlarmChange.ACKNOWLEDGED),
                // a late duplicate of an older revision must not reopen A1
                Events.alarm("A1", 1, "anom-1", "pressure", AnomalyType.SPIKE, Severity.MAJOR, AlarmStatus.ACTIVE_UNACK, 3,
                        BASE, BASE.plusSeconds(120), AlarmChange.CREATED)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            list(Map.of("deviceId", BOTH)).header("X-Total-Count", "6");
            list(Map.of("deviceId", "anom-1", "channel", "pressure")).body("resolved", contains(true, true, true));
            list(Map.of("deviceId", "anom-2")).body("alarmStatus", contains(null, "CLEARED_ACK"));
            list(Map.of("deviceId", "anom-1", "channel", "temp")).body("alarmId", contains("A2"));
        });
        loaded = true;
    }

    private static ValidatableResponse list(Map<String, ?> params) {
        return given().auth().oauth2(TestTokens.viewer()).queryParams(params).get("/api/v1/anomalies").then().statusCode(200);
    }

    @Test
    void newestFirstWithTheResolvedFlagOfTheirAlarm() {
        list(Map.of("deviceId", "anom-1")).header("X-Total-Count", "4")
                .body("ts", contains(BASE.plusSeconds(120).toString(), BASE.plusSeconds(60).toString(),
                        BASE.plusSeconds(30).toString(), BASE.toString()))
                .body("alarmId", contains("A1", "A1", "A2", "A1"))
                .body("resolved", contains(true, true, false, true))
                .body("[0].severity", equalTo("CRITICAL")).body("[0].value", equalTo(9.5f))
                .body("[0].message", equalTo("pressure 9.5 is out of its normal band"));
        // an anomaly after its alarm was cleared belongs to no alarm (yet): not resolved
        list(Map.of("deviceId", "anom-2")).body("resolved", contains(false, true)).body("[0].alarmId", nullValue());
    }

    @Test
    void filtersCombine() {
        list(Map.of("deviceId", BOTH, "type", "SPIKE")).header("X-Total-Count", "3");
        list(Map.of("deviceId", BOTH, "severity", "MAJOR,CRITICAL")).body("severity", contains("CRITICAL", "MAJOR"));
        list(Map.of("deviceId", BOTH, "minSeverity", "minor")).header("X-Total-Count", "3");
        list(Map.of("deviceId", BOTH, "detector", "ewma")).body("deviceId", contains("anom-2", "anom-2"));
        list(Map.of("deviceId", BOTH, "from", BASE.plusSeconds(30).toString(), "to", BASE.plusSeconds(120).toString()))
                .body("ts", contains(BASE.plusSeconds(60).toString(), BASE.plusSeconds(30).toString()));
        list(Map.of("deviceId", "anom-2", "type", "spike")).header("X-Total-Count", "0").body("size()", equalTo(0));
    }

    @Test
    void sortingAndPaging() {
        list(Map.of("deviceId", BOTH, "sort", "-severity")).body("severity",
                contains("CRITICAL", "MAJOR", "MINOR", "WARNING", "INFO", "INFO"));
        list(Map.of("deviceId", BOTH, "sort", "score")).body("size()", equalTo(6));
        List<String> page0 = list(Map.of("deviceId", BOTH, "sort", "ts", "size", 4, "page", 0)).extract().path("id");
        List<String> page1 = list(Map.of("deviceId", BOTH, "sort", "ts", "size", 4, "page", 1)).header("X-Total-Count", "6")
                .extract().path("id");
        assertEquals(4, page0.size());
        assertEquals(2, page1.size());
        assertTrue(page1.stream().noneMatch(page0::contains), "pages do not overlap");
    }

    @Test
    void topOffenders() {
        Map<String, String> range = Map.of("deviceId", BOTH, "from", BASE.minusSeconds(1).toString(),
                "to", BASE.plus(Duration.ofHours(1)).toString());
        given().auth().oauth2(TestTokens.viewer()).queryParams(range).get("/api/v1/top/anomalies").then().statusCode(200)
                .body("deviceId", contains("anom-1", "anom-2")).body("count", contains(4, 2))
                .body("[0].maxSeverity", equalTo("CRITICAL"));
        given().auth().oauth2(TestTokens.viewer()).queryParams(range).queryParam("by", "channel").queryParam("limit", 2)
                .get("/api/v1/top/anomalies").then().statusCode(200).body("size()", equalTo(2))
                .body("[0].deviceId", equalTo("anom-1")).body("[0].channel", equalTo("pressure")).body("[0].count", equalTo(3))
                .body("[1].deviceId", equalTo("anom-2"));
        given().auth().oauth2(TestTokens.viewer()).queryParams(range).get("/api/v1/top/alarms").then().statusCode(200)
                .body("deviceId", contains("anom-1", "anom-2")).body("count", contains(2, 1)).body("anomalies", contains(4, 1));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("type", "BOGUS").get("/api/v1/anomalies")
                .then().statusCode(400).body("fields[0].field", equalTo("type"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "sideways").get("/api/v1/anomalies")
                .then().statusCode(400).body("fields[0].field", equalTo("sort"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 0).get("/api/v1/anomalies")
                .then().statusCode(400).body("fields[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("page", "x").get("/api/v1/anomalies")
                .then().statusCode(400).body("fields[0].field", equalTo("page"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("by", "planet").get("/api/v1/top/anomalies")
                .then().statusCode(400).body("fields[0].field", equalTo("by"));
        given().get("/api/v1/anomalies").then().statusCode(401);
        given().auth().oauth2(TestTokens.device("anom-1")).get("/api/v1/top/alarms").then().statusCode(403);
    }
}
