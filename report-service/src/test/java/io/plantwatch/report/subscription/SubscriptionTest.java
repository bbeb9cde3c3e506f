package io.plantwatch.report.subscription;

import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.subscription.service.ReportDelivery;
import io.plantwatch.report.testing.Events;
import io.plantwatch.report.testing.Pdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled reports: subscriptions over HTTP, deliveries found due by the scheduler's check (called here with a
 * clock moved past the period end) and e-mailed through a real SMTP server, attachments read back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class SubscriptionTest {

    @Inject
    ReportDelivery delivery;

    private static String subscribe(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports/subscriptions").then().statusCode(201).body("id", notNullValue())
                .extract().path("id");
    }

    private static Instant lastPeriodEnd(String token, String id) {
        return Instant.parse(given().auth().oauth2(token).get("/api/v1/reports/subscriptions/" + id)
                .then().statusCode(200).extract().path("lastPeriodEnd"));
    }

    /** Samples of a device inside the period that follows {@code periodStart}, never in the future. */
    private static void readingsAfter(String deviceId, Instant periodStart) {
        Instant ts = Instant.now().minusSeconds(60);
        Instant first = ts.isBefore(periodStart) ? periodStart : ts;
        Events.readings(List.of(Events.reading(deviceId, first, Map.of("flow", 12.5)),
                Events.reading(deviceId, first.plusMillis(500), Map.of("flow", 13.5))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", deviceId).get("/api/v1/data/latest")
                        .then().statusCode(200).body("value", hasItem(13.5f)));
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SmtpTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static byte[] attachment(MimeMessage message, String extension) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().endsWith(extension)) {
                try (InputStream in = part.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no ." + extension + " attachment in " + message.getSubject());
    }

    @Test
    void dailyPdfIsMailedOnceWhenItsPeriodEnds() throws Exception {
        String token = TestTokens.user("nina", "operator");
        String id = subscribe(token, Map.of("email", "nina@plant.example", "format", "pdf", "period", "DAILY",
                "deviceIds", List.of("sub-1")));
        Instant periodStart = lastPeriodEnd(token, id);
        readingsAfter("sub-1", periodStart);

        Instant afterPeriod = periodStart.plus(Duration.ofDays(1)).plusSeconds(60);
        assertTrue(delivery.runDue(afterPeriod) >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("nina@plant.example").size() == 1);
        MimeMessage mail = mailTo("nina@plant.example").get(0);
        assertTrue(mail.getSubject().startsWith("PlantWatch daily report - sub-1 - "), mail.getSubject());
        String text = Pdfs.text(attachment(mail, ".pdf"));
        assertTrue(text.contains("PlantWatch report"), text);
        assertTrue(text.contains("sub-1 flow 2 12.5 13.5 13"), "summary row of the period's two samples:\n" + text);

        assertEquals(periodStart.plus(Duration.ofDays(1)), lastPeriodEnd(token, id));
        delivery.runDue(afterPeriod);
        assertEquals(1, mailTo("nina@plant.example").size(), "a period is delivered once");
    }

    @Test
    void weeklyCsvForASite() throws Exception {
        Events.device(Events.device("sub-2", "Pump 2", "plant-sub", "line-9", List.of(Events.channel("flow", "m3/h"))));
        String token = TestTokens.user("omar", "viewer");
        String id = subscribe(token, Map.of("email", "omar@plant.example", "format", "CSV", "period", "weekly",
                "site", "plant-sub"));
        Instant periodStart = lastPeriodEnd(token, id);
        readingsAfter("sub-2", periodStart);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("site", "plant-sub").get("/api/v1/data/latest").then().statusCode(200)
                .body("deviceId", hasItem("sub-2")));

        delivery.runDue(periodStart.plus(Duration.ofDays(7)).plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("omar@plant.example").size() == 1);
        MimeMessage mail = mailTo("omar@plant.example").get(0);
        assertTrue(mail.getSubject().startsWith("PlantWatch weekly report - site plant-sub - "), mail.getSubject());
        List<String> lines = new String(attachment(mail, ".csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals("ts,deviceId,channel,value,quality", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(2).contains(",sub-2,flow,13.5,GOOD"), lines.toString());
    }

    @Test
    void aDeliveryThatCannotBeSentStaysDueUntilItIs() throws Exception {
        String token = TestTokens.user("pia", "operator");
        String id = subscribe(token, Map.of("email", "pia@plant.example", "format", "PDF", "period", "DAILY",
                "deviceIds", List.of("sub-3")));
        Instant periodStart = lastPeriodEnd(token, id);
        Instant afterPeriod = periodStart.plus(Duration.ofDays(1)).plusSeconds(60);
        SmtpTestResource.stopServer();
        try {
            delivery.runDue(afterPeriod);
            given().auth().oauth2(token).get("/api/v1/reports/subscriptions/" + id).then().statusCode(200)
                    .body("lastPeriodEnd", equalTo(periodStart.toString())).body("lastError", notNullValue());
        } finally {
            SmtpTestResource.restartServer();
        }
        delivery.runDue(afterPeriod);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("pia@plant.example").size() == 1);
        given().auth().oauth2(token).get("/api/v1/reports/subscriptions/" + id).then().statusCode(200)
                .body("lastPeriodEnd", equalTo(periodStart.plus(Duration.ofDays(1)).toString()))
                .body("containsKey('lastError')", equalTo(false));
    }

    @Test
    void subscriptionsBelongToTheirOwner() {
        String owner = TestTokens.user("rita", "viewer");
        String other = TestTokens.user("sam", "operator");
        String id = subscribe(owner, Map.of("email", "rita@plant.example", "format", "CSV", "period", "DAILY",
                "deviceIds", List.of("sub-4"), "channels", List.of("flow")));
        given().auth().oauth2(owner).get("/api/v1/reports/subscriptions").then().statusCode(200)
                .body("id", hasItem(id)).body("owner.unique()", containsInAnyOrder("rita"));
        given().auth().oauth2(other).get("/api/v1/reports/subscriptions").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(other).get("/api/v1/reports/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/reports/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/reports/subscriptions").then().statusCode(200)
                .body("id", hasItem(id));

        given().auth().oauth2(owner).post("/api/v1/reports/subscriptions/" + id + "/send").then().statusCode(200)
                .body("sentTo", equalTo("rita@plant.example"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("rita@plant.example").size() == 1);

        given().auth().oauth2(owner).delete("/api/v1/reports/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(owner).get("/api/v1/reports/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void badSubscriptionsAre400NamingEveryField() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reports/subscriptions").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("email", "format", "period", "deviceIds"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-address", "format", "DOCX", "period", "HOURLY", "site", "x"))
                .post("/api/v1/reports/subscriptions").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("email", "format", "period"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{\"email\":")
                .post("/api/v1/reports/subscriptions").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports/subscriptions").then().statusCode(401);
        given().auth().oauth2(TestTokens.device("sub-1")).get("/api/v1/reports/subscriptions").then().statusCode(403);
    }
}
