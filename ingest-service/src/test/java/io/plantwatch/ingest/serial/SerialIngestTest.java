package io.plantwatch.ingest.serial;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Arduino on a socat pty pair read with jSerialComm: the line protocol and JSON lines become readings, bad
 * lines dead letters; pulling the plug marks the device offline, plugging it back in brings the data back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class SerialIngestTest {

    @Test
    void linesBecomeReadingsAndUnplugReplugIsSurvived() throws Exception {
        Path dir = Path.of("target", "plantwatch-test", "serial-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        String id = "arduino-t1";
        try (SocatCable cable = new SocatCable(dir).plug();
                TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS);
                TopicProbe dlq = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS_DLQ);
                TopicProbe status = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.DEVICE_STATUS)) {
            TestDevices.register("{\"id\":\"" + id + "\",\"name\":\"Voltage monitor\",\"site\":\"test-site\",\"protocol\":\"serial\","
                    + "\"connection\":{\"serialPort\":\"" + cable.hostEnd() + "\",\"baud\":9600},"
                    + "\"channels\":[{\"name\":\"voltage\",\"unit\":\"V\",\"validLow\":0,\"validHigh\":300},{\"name\":\"current\",\"unit\":\"A\"}]}");
            // the reader opens the port asynchronously: repeat the first line until it is read
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (readings.await(1, r -> id.equals(r.key()), Duration.ofMillis(500)).isEmpty() && System.nanoTime() < deadline) {
                cable.write("voltage:229.8,current:1.23");
            }
            cable.write("# voltage_monitor booted");
            cable.write("{\"voltage\":231.0,\"current\":1.5}");
            cable.write("voltage:abc,current:1");
            cable.write("voltage:NaN");
            List<Reading> got = readings.await(2, r -> id.equals(r.key()), Duration.ofSeconds(20)).stream()
                    .map(TestDevices::reading).toList();
            assertTrue(got.size() >= 2, "line protocol and JSON line, got " + got.size());
            assertEquals(Source.SERIAL, got.get(0).source());
            assertEquals(229.8, got.get(0).values().get("voltage"));
            assertEquals(1.23, got.get(0).values().get("current"));
            assertTrue(got.stream().anyMatch(r -> Double.valueOf(231.0).equals(r.values().get("voltage"))), "JSON line");
            List<String> reasons = dlq.await(2, r -> id.equals(r.key()), Duration.ofSeconds(20)).stream()
                    .map(TestDevices::deadLetter).map(DeadLetter::reason).toList();
            assertEquals(List.of("invalid-payload", "non-finite-value"), reasons);

            cable.unplug();
            assertFalse(status.await(1, r -> id.equals(r.key()) && !EventJson.fromBytes(r.value(), DeviceStatus.class).online(),
                    Duration.ofSeconds(20)).isEmpty(), "offline after the unplug");

            cable.plug();
            int before = readings.drain(Duration.ofMillis(10)).size();
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (readings.await(before + 1, r -> id.equals(r.key()), Duration.ofMillis(500)).size() <= before
                    && System.nanoTime() < deadline) {
                cable.write("voltage:228.0,current:1.1");
            }
            assertTrue(readings.await(before + 1, r -> id.equals(r.key()), Duration.ofSeconds(1)).size() > before, "data after the replug");
            assertFalse(status.await(1, r -> id.equals(r.key()) && EventJson.fromBytes(r.value(), DeviceStatus.class).online()
                    && r.offset() > 0, Duration.ofSeconds(10)).isEmpty(), "online again");
        }
    }
}
