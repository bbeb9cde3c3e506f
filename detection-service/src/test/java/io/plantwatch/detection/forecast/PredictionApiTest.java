package io.plantwatch.detection.forecast;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.detection.support.ReportStubResource;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forecasts through the API over a device's stored history (report-service's series contract over real HTTP), and a
 * live reading far outside the forecast raising FORECAST_DEVIATION on plant.anomalies.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(ReportStubResource.class)
class PredictionApiTest {

    @Test
    void forecastFromHistoryBeatsSeasonalNaiveAndALiveValueFarOutsideRaisesADeviation() {
        String device = LiveStream.device("meter");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
        int hours = 28 * 24;
        Random r = new Random(4);
        StringBuilder json = new StringBuilder("{\"points\":[");
        double noise = 0;
        for (int i = 0; i < hours; i++) {
            Instant ts = end.minus(Duration.ofHours(hours - 1 - i));
            double hour = ts.atZone(java.time.ZoneOffset.UTC).getHour();
            noise = 0.8 * noise + 2 * r.nextGaussian();
            double power = 100 + 20 * Math.sin(2 * Math.PI * (hour - 6) / 24) + noise;
            json.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(ts).append("\",\"values\":{\"power\":")
                    .append(power).append("}}");
        }
        ReportStubResource.series(device, json.append("]}").toString());

        Api.asViewer().body(Map.of("deviceId", device, "channel", "power")).post("/api/v1/predictions/generate")
                .then().statusCode(403);
        Api.asOperator().body(Map.of("deviceId", device, "channel", "power", "horizon", "two days"))
                .post("/api/v1/predictions/generate").then().statusCode(400)
                .body("fields.field", hasItem("horizon"));

        JsonPath fc = Api.asOperator().body(Map.of("deviceId", device, "channel", "power", "horizon", "48h"))
                .post("/api/v1/predictions/generate").then().statusCode(200)
                .body("accuracy.beatsSeasonalNaive", equalTo(true)).extract().jsonPath();
        System.out.printf("forecast via API (48 h, %d origins): RMSE %.3f vs seasonal-naive %.3f, MAPE %.2f %% vs"
                        + " %.2f %%%n", fc.getInt("accuracy.origins"), fc.getDouble("accuracy.rmse"),
                fc.getDouble("accuracy.naiveRmse"), fc.getDouble("accuracy.mape"), fc.getDouble("accuracy.naiveMape"));
        assertEquals(48, fc.getList("points").size());
        assertEquals(3600, fc.getInt("stepSeconds"));
        assertEquals(24, fc.getInt("seasonSteps"));

        JsonPath day = Api.asViewer().queryParam("deviceId", device).queryParam("channel", "power")
                .queryParam("horizon", "24h").get("/api/v1/predictions").then().statusCode(200).extract().jsonPath();
        assertEquals(24, day.getList("points").size());
        Api.asViewer().queryParam("deviceId", device).queryParam("channel", "voltage").get("/api/v1/predictions")
                .then().statusCode(404);

        Instant first = Instant.parse(day.getString("points[0].ts"));
        double value = day.getDouble("points[0].value");
        double high = day.getDouble("points[0].high");
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, List.of(new Sample(first.toString(), first, Map.of("power", value)),
                    new Sample("far", first.plusSeconds(60), Map.of("power", value + 10 * (high - value)))));
            AnomalyEvent e = LiveStream.await(probe, device, 1, a -> a.type() == AnomalyType.FORECAST_DEVIATION,
                    Duration.ofSeconds(60)).get(0);
            assertEquals("forecast", e.detector());
            assertEquals(LiveStream.readingId(device, first.plusSeconds(60)), e.readingId(),
                    "the value at the forecast raises nothing; the one far above does");
            assertEquals(high, e.expectedHigh(), 1e-3);
            assertTrue(e.message().contains("above the forecast"), e.message());
        }
    }
}
