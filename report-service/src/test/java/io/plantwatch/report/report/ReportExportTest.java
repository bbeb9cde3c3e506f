package io.plantwatch.report.report;

import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.testing.Events;
import io.plantwatch.report.testing.Pdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports read back the way a person's tools would read them: CSV parsed, XLSX opened with POI, the PDF's text
 * extracted with PDFBox, the PNG decoded and its pixels looked at.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class ReportExportTest {

    static final String DEVICE = "exp-1";
    static final Instant BASE = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.HOURS);
    static final Instant SPIKE = BASE.plusSeconds(300);
    private static boolean loaded;

    /** Ten minutes at 1 Hz (601 samples): temp alternating 41/43 °C, power 1200 W (0.2 kWh), one anomaly + alarm. */
    static void load() {
        Events.device(Events.device(DEVICE, "Compressor 7", "plant-x", "line-1",
                List.of(Events.channel("temp", "°C"), Events.channel("power", "W"))));
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i <= 600; i++) {
            readings.add(Events.reading(DEVICE, BASE.plusSeconds(i), Map.of("temp", i % 2 == 0 ? 41.0 : 43.0, "power", 1200.0)));
        }
        Events.readings(readings);
        AnomalyEvent spike = Events.anomaly(DEVICE, "temp", SPIKE, AnomalyType.SPIKE, Severity.MAJOR, "zscore", 43.0);
        Events.anomalies(List.of(spike));
        Events.alarms(List.of(Events.alarm("EXP-A1", 1, DEVICE, "temp", AnomalyType.SPIKE, Severity.CRITICAL,
                AlarmStatus.ACTIVE_UNACK, 1, SPIKE, SPIKE, AlarmChange.CREATED)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", DEVICE).queryParam("from", BASE.toString())
                    .queryParam("to", BASE.plus(Duration.ofHours(1)).toString()).get("/api/v1/stats").then().statusCode(200)
                    .body("channels.find { it.channel == 'power' }.count", equalTo(601))
                    .body("channels.find { it.channel == 'power' }.unit", equalTo("W"));
            given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", DEVICE).get("/api/v1/anomalies")
                    .then().statusCode(200).body("[0].alarmId", equalTo("EXP-A1"));
        });
    }

    @BeforeEach
    void data() {
        if (!loaded) {
            load();
            loaded = true;
        }
    }

    private static byte[] get(String path, Map<String, ?> params, String contentType) {
        return given().auth().oauth2(TestTokens.viewer()).queryParams(params).get(path).then().statusCode(200)
                .contentType(contentType).extract().asByteArray();
    }

    private static Map<String, Object> range() {
        return Map.of("deviceId", DEVICE, "from", BASE.toString(), "to", BASE.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void readingsCsvHasOneRowPerChannelValue() {
        String csv = new String(get("/api/v1/reports/export/readings.csv", range(), "text/csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals("ts,deviceId,channel,value,quality", lines.get(0));
        assertEquals(1 + 601 * 2, lines.size());
        Set<String> rows = new HashSet<>(lines);
        assertTrue(rows.contains(BASE + ",exp-1,power,1200,GOOD"), lines.get(1));
        assertTrue(rows.contains(BASE.plusSeconds(1) + ",exp-1,temp,43,GOOD"));

        Map<String, Object> minutes = new java.util.HashMap<>(range());
        minutes.put("resolution", "1m");
        List<String> rollup = new String(get("/api/v1/reports/export/readings.csv", minutes, "text/csv"),
                StandardCharsets.UTF_8).lines().toList();
        assertEquals("ts,deviceId,channel,avg,min,max,count", rollup.get(0));
        assertEquals(1 + 11 * 2, rollup.size(), "ten whole minutes and the one sample of the eleventh, two channels");
        assertTrue(rollup.contains(BASE + ",exp-1,temp,42,41,43,60"), rollup.toString());
    }

    @Test
    void anomaliesCsvCarriesTheAlarmState() {
        List<String> lines = new String(get("/api/v1/reports/export/anomalies.csv", range(), "text/csv"),
                StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("ts,deviceId,channel,type,severity,detector,score,threshold,value"));
        assertTrue(lines.get(1).startsWith(SPIKE + ",exp-1,temp,SPIKE,MAJOR,zscore,4.2,3,43,1,2,false,EXP-A1,"), lines.get(1));
    }

    @Test
    void xlsxReadsBack() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(get("/api/v1/reports/export/readings.xlsx",
                range(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))) {
            Sheet sheet = book.getSheet("readings");
            assertEquals("ts (UTC)", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("value", sheet.getRow(0).getCell(3).getStringCellValue());
            assertEquals(601 * 2, sheet.getLastRowNum());
            Row first = sheet.getRow(1);
            assertTrue(DateUtil.isCellDateFormatted(first.getCell(0)));
            assertEquals(LocalDateTime.ofInstant(BASE, ZoneOffset.UTC), first.getCell(0).getLocalDateTimeCellValue());
            assertEquals("exp-1", first.getCell(1).getStringCellValue());
            double sumOfPower = 0;
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                if ("power".equals(sheet.getRow(i).getCell(2).getStringCellValue())) {
                    sumOfPower += sheet.getRow(i).getCell(3).getNumericCellValue();
                }
            }
            assertEquals(601 * 1200.0, sumOfPower);
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(get("/api/v1/reports/export/anomalies.xlsx",
                range(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))) {
            Sheet sheet = book.getSheet("anomalies");
            assertEquals(1, sheet.getLastRowNum());
            assertEquals("SPIKE", sheet.getRow(1).getCell(3).getStringCellValue());
            assertEquals(43.0, sheet.getRow(1).getCell(8).getNumericCellValue());
            assertEquals("EXP-A1", sheet.getRow(1).getCell(12).getStringCellValue());
        }
    }

    @Test
    void pdfReportHasTitlesNumbersChartsAndTables() throws Exception {
        byte[] pdf = get("/api/v1/reports/pdf", Map.of("site", "plant-x", "from", BASE.toString(),
                "to", BASE.plus(Duration.ofHours(1)).toString()), "application/pdf");
        String text = Pdfs.text(pdf);
        for (String expected : List.of("PlantWatch report - site plant-x", "Compressor 7 (exp-1)", "Summary statistics",
                "Charts", "Alarms", "Top offenders", "Total energy: 0.2 kWh")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
        // summary row of power: count 601, min = max = avg = p95 = 1200, sd 0, 0.2 kWh
        assertTrue(text.contains("exp-1 power W 601 1200 1200 1200 0 1200 0.2"), text);
        // temp: 301 x 41 and 300 x 43
        assertTrue(text.contains("exp-1 temp °C 601 41 43 41.998"), text);
        assertTrue(text.contains("exp-1 temp SPIKE CRITICAL ACTIVE_UNACK 1"), "alarm table:\n" + text);
        assertTrue(text.contains("exp-1 temp 1 MAJOR"), "top offenders:\n" + text);
        assertEquals(2, Pdfs.imageCount(pdf), "one chart per channel");
    }

    @Test
    void pngPlotAroundTheAnomaly() throws Exception {
        byte[] png = get("/api/v1/plot/" + DEVICE, Map.of("at", SPIKE.toString(), "channel", "temp", "width", 640,
                "height", 320), "image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, image.getWidth());
        assertEquals(320, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int red = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && g < 60 && b < 60) {
                    red++;
                }
            }
        }
        assertTrue(colours.size() > 20, "a blank image has one or two colours, got " + colours.size());
        assertTrue(red > 30, "the anomaly is marked in red (" + red + " red pixels)");

        String anomalyId = given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", DEVICE).get("/api/v1/anomalies")
                .then().extract().path("[0].id");
        BufferedImage centred = ImageIO.read(new ByteArrayInputStream(get("/api/v1/plot/" + DEVICE,
                Map.of("anomalyId", anomalyId), "image/png")));
        assertEquals(800, centred.getWidth());
        assertEquals(400, centred.getHeight());
    }

    @Test
    void badReportRequestsAre4xx() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/plot/" + DEVICE).then().statusCode(400)
                .body("fields[0].field", equalTo("at"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("anomalyId", "nope").get("/api/v1/plot/" + DEVICE)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).queryParam("at", SPIKE.toString()).queryParam("window", "10 minutes")
                .get("/api/v1/plot/" + DEVICE).then().statusCode(400).body("fields[0].field", equalTo("window"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/reports/export/readings.csv").then().statusCode(400)
                .body("fields[0].field", equalTo("deviceIds"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", DEVICE).queryParam("resolution", "5s")
                .get("/api/v1/reports/export/readings.xlsx").then().statusCode(400).body("fields[0].field", equalTo("resolution"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("site", "atlantis").get("/api/v1/reports/pdf")
                .then().statusCode(400).body("fields[0].field", equalTo("site"));
        given().get("/api/v1/reports/pdf").then().statusCode(401);
        given().auth().oauth2(TestTokens.device(DEVICE)).queryParam("deviceId", DEVICE).get("/api/v1/reports/export/readings.csv")
                .then().statusCode(403);
    }
}
