package io.plantwatch.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fresh {@code ./plantwatch up} shows in the local mail viewer: the simulated pump's first fault (a valve
 * closing ~30 s after ingest starts) travels the real path — Modbus PLC simulator → PLC4X polling in ingest →
 * plant.readings → detection (the pump's registered alarm limits) → plant.anomalies → alert-service → SMTP — and the
 * local admin, who gets MAJOR and worse at once by default, finds the mail in the viewer (read over its HTTP API, as
 * a person reads its page). Nothing in this test injects data.
 */
class SimulatorFaultMailE2ETest {

    private static final String PUMP = "sim-pump-1";
    private static final String ADMIN_ADDRESS = "admin@plantwatch.local";
    private static final Pattern ALARM_LINK = Pattern.compile("(https?://[^\\s\"<>]+)/alarms/([^\\s\"<>]+)");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> viewerMessages(String viewer) {
        return given().baseUri(viewer).get("/api/messages").then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(List.class);
    }

    private static Optional<Map<String, Object>> pumpMailToAdmin(String viewer) {
        return viewerMessages(viewer).stream()
                .filter(m -> String.valueOf(m.get("to")).contains(ADMIN_ADDRESS))
                .filter(m -> String.valueOf(m.get("text")).contains("(" + PUMP + ")"))
                .findFirst();
    }

    @Test
    void aSimulatorFaultIsMailedToTheLocalAdminAndShowsInTheMailViewer() {
        String gateway = SharedStack.gatewayUrl();
        String viewer = "http://127.0.0.1:" + SharedStack.get().config().mailWebPort();

        // the first fault starts ~30 s after ingest and needs ~15 s to cross the pressure limit far enough for MAJOR
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                .until(() -> pumpMailToAdmin(viewer).isPresent());
        Map<String, Object> mail = pumpMailToAdmin(viewer).orElseThrow();
        String subject = String.valueOf(mail.get("subject"));
        String text = String.valueOf(mail.get("text"));
        System.out.println("mail viewer " + viewer + " holds: " + subject + " (sent " + mail.get("date") + ")");

        assertTrue(subject.startsWith("[PlantWatch] ") && subject.contains("Feed pump 1 (simulated PLC)")
                && (subject.contains("MAJOR") || subject.contains("CRITICAL")), subject);
        assertTrue(text.contains("plant-north"), "the mail names the site:\n" + text);
        Matcher link = ALARM_LINK.matcher(text);
        assertTrue(link.find(), "the mail links the alarm:\n" + text);
        assertTrue(link.group(1).equals(gateway), "the link points at the dashboard " + gateway + ": " + link.group());
        assertTrue(String.valueOf(mail.get("html")).contains("href=\"" + link.group() + "\""), "the HTML part links it too");

        // the link leads to a real alarm of the pump, raised by the detector from its registered limits
        String alarmId = URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
        String token = SharedStack.adminToken();
        given().baseUri(gateway).auth().oauth2(token).get("/api/v1/alarms/{id}", alarmId).then().statusCode(200)
                .body("alarm.deviceId", equalTo(PUMP)).body("alarm.id", equalTo(alarmId))
                .body("alarm.count", greaterThan(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(gateway).auth().oauth2(token)
                .queryParam("deviceId", PUMP).queryParam("detector", "threshold").queryParam("minSeverity", "MAJOR")
                .get("/api/v1/anomalies").then().statusCode(200).body("size()", greaterThan(0)));
    }
}
