package io.plantwatch.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.contracts.json.IsoInstants;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast instant codec must be indistinguishable from the JDK's ISO form and from the JavaTimeModule. */
class IsoInstantsTest {

    private static final ObjectMapper JAVA_TIME = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void formatsAndParsesLikeTheJdkOverFourHundredYears() {
        Random random = new Random(42);
        long from = Instant.parse("1800-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = from + (long) (random.nextDouble() * (to - from));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertEquals(text, IsoInstants.format(instant));
            assertEquals(instant, IsoInstants.parse(text));
        }
    }

    @Test
    void edgeDatesAndShortFractions() {
        for (String text : List.of("1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z", "2024-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59.5Z", "2026-11-23T08:00:00.01Z", "2026-11-23T24:00:00Z", "2016-12-31T23:59:60Z")) {
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
        assertEquals("+10000-01-01T00:00:00Z", IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void oddTextIsJudgedExactlyAsTheJdkJudgesIt() {
        List<String> odd = List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-2xT00:00:00Z",
                "2026-11-23T00:00:00.Z", "2026-11-23T00:00:00.1234567890Z", "2026-11-23T00:00:00,5Z",
                "2026-11-23 00:00:00Z", "-001-01-01T00:00:00Z");
        int rejected = 0;
        for (String text : odd) {
            Instant jdk;
            try {
                jdk = Instant.parse(text);
            } catch (DateTimeException e) {
                assertThrows(DateTimeException.class, () -> IsoInstants.parse(text), text);
                rejected++;
                continue;
            }
            assertEquals(jdk, IsoInstants.parse(text), text);
        }
        assertEquals(true, rejected >= 4, "most of these are not instants at all");
    }

    @Test
    void eventJsonReadsEveryFormTheJavaTimeModuleReads() throws Exception {
        for (String json : List.of("\"2026-11-23T08:00:00.010Z\"", "\"2026-11-23T09:00:00+01:00\"", "1700000000",
                "1700000000.5", "\"2026-11-23T08:00:00Z\"")) {
            assertEquals(JAVA_TIME.readValue(json, Instant.class), EventJson.mapper().readValue(json, Instant.class), json);
        }
        Instant now = Instant.parse("2026-11-23T08:00:00.123456Z");
        assertEquals(JAVA_TIME.writeValueAsString(now), EventJson.toJson(now));
    }

    @Test
    void aBadInstantStillFailsAsBadInput() {
        assertThrows(com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
                () -> EventJson.mapper().readValue("\"2026-02-30T00:00:00Z\"", Instant.class));
    }
}
