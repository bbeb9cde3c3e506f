package io.plantwatch.ingest.reading;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.mqtt.service.MqttPayloadParser;
import io.plantwatch.ingest.push.service.BatchParser;
import io.plantwatch.ingest.push.service.DataParser;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.SampleValidator;
import io.plantwatch.ingest.serial.service.SerialLineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated property tests of every payload parser (HTTP batch, POST /data, MQTT, serial line): for inputs
 * generated from valid payloads by mutation (byte flips, cuts, splices, odd numbers, odd nesting) and from
 * random tokens, a parser either returns or throws its validation error ({@link ApiException} 4xx,
 * {@link RejectedPayload}), never anything else. Fixed seeds, bounded counts; a failure prints its input.
 */
class PayloadParserFuzzTest {

    private static final int CASES = 4000;
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final SampleValidator VALIDATOR = new SampleValidator(Duration.ofMinutes(5), Duration.ofDays(7), 256);

    private static final List<String> SEEDS = List.of(
            "{\"deviceId\":\"pump-1\",\"samples\":[{\"ts\":\"2026-11-23T07:59:00Z\",\"values\":{\"pressure\":2.1},\"id\":\"a1\"}]}",
            "{\"deviceId\":\"pump-1\",\"ts\":1795420740000,\"values\":{\"pressure\":2.1,\"flow\":40}}",
            "{\"deviceId\":\"pump-1\",\"channel\":\"pressure\",\"value\":2.1,\"ts\":\"2026-11-23T07:59:00Z\"}",
            "{\"voltage\":229.8,\"current\":1.23}",
            "{\"online\":false,\"reason\":\"maintenance\"}",
            "voltage:229.8,current:1.23",
            "231.5");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "NaN", "-Infinity", "1e999",
            "-0", "99999999999999999999999", "null", "true", "\"values\"", "\"ts\"", "\"id\"", "\"samples\"", "\"deviceId\"",
            "\\u0000", "é", "\n", "#", "9223372036854775807", "-9223372036854775808", "\"2026-13-45T99:99:99Z\"", " ");

    @Test
    void httpBatchParser() {
        BatchParser parser = new BatchParser(VALIDATOR, 500);
        fuzz(11, bytes -> {
            try {
                parser.parse(bytes, NOW);
            } catch (ApiException e) {
                assertTrue(e.status() >= 400 && e.status() < 500, "4xx, got " + e.status());
            }
        });
    }

    @Test
    void singleSampleParser() {
        DataParser parser = new DataParser(VALIDATOR);
        fuzz(12, bytes -> {
            try {
                parser.parse(bytes, NOW);
            } catch (ApiException e) {
                assertTrue(e.status() >= 400 && e.status() < 500, "4xx, got " + e.status());
            }
        });
    }

    @Test
    void mqttPayloadParser() {
        MqttPayloadParser parser = new MqttPayloadParser("plantwatch/devices", VALIDATOR, 65536);
        Random topics = new Random(13);
        List<String> suffixes = List.of("/telemetry", "/telemetry/voltage", "/status", "/telemetry/bad channel", "", "/x/y/z");
        fuzz(14, bytes -> {
            String topic = "plantwatch/devices/" + (topics.nextInt(10) == 0 ? "bad id" : "dev-" + topics.nextInt(3))
                    + suffixes.get(topics.nextInt(suffixes.size()));
            try {
                parser.parse(topic, bytes, NOW);
            } catch (RejectedPayload expected) {
                assertTrue(!expected.reason().isBlank());
            }
        });
    }

    @Test
    void serialLineParser() {
        SerialLineParser parser = new SerialLineParser(VALIDATOR, 256);
        fuzz(15, bytes -> {
            try {
                parser.parse("arduino-1", new String(bytes, StandardCharsets.UTF_8), NOW);
            } catch (RejectedPayload expected) {
                assertTrue(!expected.reason().isBlank());
            }
        });
    }

    private static void fuzz(long seed, Consumer<byte[]> parse) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            byte[] input = generate(random);
            try {
                parse.accept(input);
            } catch (ApiException | RejectedPayload e) {
                fail("validation error escaped its check: " + e + " for " + show(input));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " for " + show(input), e);
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " (seed " + seed + ") threw " + e + " for input " + show(input), e);
            }
        }
    }

    private static byte[] generate(Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    s.append(TOKENS.get(random.nextInt(TOKENS.size())));
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                byte[] b = new byte[random.nextInt(64)];
                random.nextBytes(b);
                return b;
            }
            default -> {
                byte[] b = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations && b.length > 0; m++) {
                    int at = random.nextInt(b.length);
                    switch (random.nextInt(4)) {
                        case 0 -> b[at] = (byte) random.nextInt(256);
                        case 1 -> b = java.util.Arrays.copyOf(b, at);
                        case 2 -> {
                            byte[] token = TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                            byte[] out = new byte[b.length + token.length];
                            System.arraycopy(b, 0, out, 0, at);
                            System.arraycopy(token, 0, out, at, token.length);
                            System.arraycopy(b, at, out, at + token.length, b.length - at);
                            b = out;
                        }
                        default -> {
                            String deep = "[".repeat(random.nextInt(2000)) + "{\"values\":" + "{\"a\":".repeat(random.nextInt(50));
                            b = (new String(b, 0, at, StandardCharsets.UTF_8) + deep).getBytes(StandardCharsets.UTF_8);
                        }
                    }
                }
                return b;
            }
        }
    }

    private static String show(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        return "'" + (s.length() > 300 ? s.substring(0, 300) + "…" : s) + "'";
    }
}
