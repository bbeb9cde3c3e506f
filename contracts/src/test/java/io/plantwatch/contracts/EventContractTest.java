package io.plantwatch.contracts;

import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.ModelSelection;
import io.plantwatch.contracts.event.UserEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.contracts.kafka.AlarmEventDeserializer;
import io.plantwatch.contracts.kafka.AnomalyEventDeserializer;
import io.plantwatch.contracts.kafka.DeadLetterDeserializer;
import io.plantwatch.contracts.kafka.DeviceEventDeserializer;
import io.plantwatch.contracts.kafka.DeviceStatusDeserializer;
import io.plantwatch.contracts.kafka.FollowEventDeserializer;
import io.plantwatch.contracts.kafka.ModelSelectionDeserializer;
import io.plantwatch.contracts.kafka.UserEventDeserializer;
import io.plantwatch.contracts.kafka.EventSerializer;
import io.plantwatch.contracts.kafka.ReadingDeserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire form of every event: round trips, and fixed samples that must keep reading the same. */
class EventContractTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00.250Z");

    static Reading reading() {
        return Reading.of(EventIds.readingId("pump-1", T0), "pump-1", T0, T0.plusMillis(50), Source.MODBUS,
                Map.of("pressure", 2.1, "current", 1.23), Quality.GOOD);
    }

    static AnomalyEvent anomaly() {
        Reading r = reading();
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, EventIds.anomalyId(r.id(), "zscore"), r.id(), "pump-1",
                "pressure", List.of("pressure"), T0, "zscore", null, AnomalyType.SPIKE, Severity.MAJOR, 5.2, 4.0, 3.1,
                1.8, 2.6, "pressure 3.1 bar is 5.2 σ above its 1-hour mean of 2.2 bar",
                new AnomalyEvent.ProbableCause("valve closed", 0.87, "Check the inlet valve position."));
    }

    static AlarmEvent alarm() {
        return new AlarmEvent(AlarmEvent.SCHEMA_VERSION, EventIds.alarmEventId("a1", 3), "a1", 3, "pump-1",
                "plant-north", "pressure", AnomalyType.OUT_OF_RANGE, Severity.CRITICAL, AlarmStatus.ACTIVE_ACK, 12,
                Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:05:00Z"), "olga",
                AlarmChange.ACKNOWLEDGED, "olga", Instant.parse("2026-11-23T08:06:00Z"), 9.5,
                "pressure 9.5 bar is above its valid range 0..6 bar");
    }

    static DeviceStatus deviceStatus() {
        return DeviceStatus.of("meter-3", false, Instant.parse("2026-11-23T07:59:30Z"),
                Instant.parse("2026-11-23T08:00:00Z"), "no sample for 30 s (3 x 10 s)");
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, "dlq-1", DeadLetter.UNKNOWN_DEVICE, Source.MQTT,
                "malformed-json", List.of("body: unexpected end of input"), "{\"values\":",
                Instant.parse("2026-11-23T08:00:00Z"));
    }

    static DeviceEvent deviceEvent() {
        return new DeviceEvent(DeviceEvent.SCHEMA_VERSION, "pump-1", "Feed pump 1", "plant-north", "line-2",
                "modbus-tcp", true, false, List.of(new DeviceEvent.Channel("pressure", "bar", 0.0, 10.0, null, 6.0, 1.0)),
                4, Instant.parse("2026-11-23T08:00:00Z"));
    }

    static UserEvent userEvent() {
        return new UserEvent(UserEvent.SCHEMA_VERSION, "u-1", "olga", "olga@plant.example", Set.of("operator"),
                Set.of("plant-north"), false, false, Instant.parse("2026-11-23T08:00:00Z"));
    }

    static FollowEvent followEvent() {
        return new FollowEvent(FollowEvent.SCHEMA_VERSION, FollowEvent.idOf("u-1", FollowEvent.TargetKind.DEVICE, "pump-1"),
                "u-1", FollowEvent.TargetKind.DEVICE, "pump-1", true, Instant.parse("2026-11-23T08:00:00Z"));
    }

    static ModelSelection modelSelection() {
        return new ModelSelection(ModelSelection.SCHEMA_VERSION, "pump-1", "m-42", 2, "mewma", true, "operator", 3,
                Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void modelSelectionRoundTripsAndItsSampleStillReads() throws IOException {
        assertEquals(modelSelection(), roundTrip(modelSelection(), new ModelSelectionDeserializer()));
        assertEquals(modelSelection(), EventJson.fromJson(sample("model-selection-v1.json"), ModelSelection.class));
        ModelSelection deselect = new ModelSelection(ModelSelection.SCHEMA_VERSION, "pump-1", null, 0, null, false,
                "admin", 4, Instant.parse("2026-11-23T09:00:00Z"));
        assertEquals(deselect, roundTrip(deselect, new ModelSelectionDeserializer()));
    }

    @Test
    void registryAndPeopleEventsRoundTrip() {
        assertEquals(deviceEvent(), roundTrip(deviceEvent(), new DeviceEventDeserializer()));
        assertEquals(userEvent(), roundTrip(userEvent(), new UserEventDeserializer()));
        assertEquals(followEvent(), roundTrip(followEvent(), new FollowEventDeserializer()));
    }

    @Test
    void registryAndPeopleSamplesStillRead() throws IOException {
        assertEquals(deviceEvent(), EventJson.fromJson(sample("device-v1.json"), DeviceEvent.class));
        assertEquals(userEvent(), EventJson.fromJson(sample("user-v1.json"), UserEvent.class));
        assertEquals(followEvent(), EventJson.fromJson(sample("follow-v1.json"), FollowEvent.class));
    }

    private static <T> T roundTrip(T event, Deserializer<T> deserializer) {
        byte[] bytes = new EventSerializer<T>().serialize("t", event);
        return deserializer.deserialize("t", bytes);
    }

    @Test
    void readingRoundTrips() {
        assertEquals(reading(), roundTrip(reading(), new ReadingDeserializer()));
    }

    @Test
    void anomalyRoundTrips() {
        assertEquals(anomaly(), roundTrip(anomaly(), new AnomalyEventDeserializer()));
    }

    @Test
    void alarmRoundTrips() {
        assertEquals(alarm(), roundTrip(alarm(), new AlarmEventDeserializer()));
    }

    @Test
    void deviceStatusRoundTrips() {
        assertEquals(deviceStatus(), roundTrip(deviceStatus(), new DeviceStatusDeserializer()));
    }

    @Test
    void deadLetterRoundTrips() {
        assertEquals(deadLetter(), roundTrip(deadLetter(), new DeadLetterDeserializer()));
    }

    @Test
    void fixedSamplesStillRead() throws IOException {
        Reading r = EventJson.fromJson(sample("reading-v1.json"), Reading.class);
        assertEquals(new Reading(1, "5d0f7f0e-8a1b-3c2d-9e4f-0a1b2c3d4e5f", "pump-1", T0, T0.plusMillis(50),
                Source.MODBUS, Map.of("pressure", 2.1, "current", 1.23), Quality.GOOD), r);

        AnomalyEvent a = EventJson.fromJson(sample("anomaly-v1.json"), AnomalyEvent.class);
        assertEquals(new AnomalyEvent(1, "0b6c4a52-4f3e-3a8b-9d5c-1e2f3a4b5c6d", "5d0f7f0e-8a1b-3c2d-9e4f-0a1b2c3d4e5f",
                "pump-1", "pressure", List.of("pressure"), T0, "zscore", null, AnomalyType.SPIKE, Severity.MAJOR, 5.2,
                4.0, 3.1, 1.8, 2.6, "pressure 3.1 bar is 5.2 σ above its 1-hour mean of 2.2 bar",
                new AnomalyEvent.ProbableCause("valve closed", 0.87, "Check the inlet valve position.")), a);

        assertEquals(alarm(), EventJson.fromJson(sample("alarm-v1.json"), AlarmEvent.class));
        assertEquals(deviceStatus(), EventJson.fromJson(sample("device-status-v1.json"), DeviceStatus.class));
        assertEquals(deadLetter(), EventJson.fromJson(sample("dead-letter-v1.json"), DeadLetter.class));
    }

    @Test
    void wireNamesAreStable() {
        String json = EventJson.toJson(reading());
        assertTrue(json.contains("\"source\":\"modbus\""), json);
        assertTrue(json.contains("\"ts\":\"2026-11-23T08:00:00.250Z\""), json);
        assertTrue(json.contains("\"schemaVersion\":1"), json);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerProducersDoNotBreakConsumers() {
        String json = EventJson.toJson(deviceStatus()).replace("{", "{\"addedInV2\":42,");
        assertEquals(deviceStatus(), EventJson.fromJson(json, DeviceStatus.class));
    }

    @Test
    void unreadableRecordRaisesSerializationException() {
        byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class, () -> new ReadingDeserializer().deserialize("t", junk));
    }

    @Test
    void idsAreDeterministic() {
        assertEquals(EventIds.readingId("d", T0), EventIds.readingId("d", T0));
        assertNotEquals(EventIds.readingId("d", T0), EventIds.readingId("d", T0.plusMillis(1)));
        assertNotEquals(EventIds.readingId("d", T0), EventIds.readingId("e", T0));
        assertEquals(EventIds.anomalyId("r", "zscore"), EventIds.anomalyId("r", "zscore"));
        assertNotEquals(EventIds.anomalyId("r", "zscore"), EventIds.anomalyId("r", "threshold"));
    }

    @Test
    void severityOrdering() {
        assertTrue(Severity.CRITICAL.atLeast(Severity.MAJOR));
        assertEquals(Severity.MAJOR, Severity.MINOR.next());
        assertEquals(Severity.CRITICAL, Severity.CRITICAL.next());
        assertEquals(Severity.MAJOR, Severity.MINOR.max(Severity.MAJOR));
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
