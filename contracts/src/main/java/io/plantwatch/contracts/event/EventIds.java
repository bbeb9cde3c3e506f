package io.plantwatch.contracts.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic event ids: the same input always yields the same id, so that consumers can
 * drop replays (at-least-once delivery) without a lookup of what came before.
 */
public final class EventIds {

    private EventIds() {
    }

    /** Id of a device sample: one reading per device and device timestamp. */
    public static String readingId(String deviceId, Instant ts) {
        return nameUuid("reading|" + deviceId + "|" + ts.toEpochMilli() + "|" + ts.getNano() % 1_000_000);
    }

    /** Id of a device sample that carries its own id (e.g. a sequence number). */
    public static String readingId(String deviceId, String sampleId) {
        return nameUuid("reading|" + deviceId + "|id|" + sampleId);
    }

    /** Id of a detector's verdict on a reading. */
    public static String anomalyId(String readingId, String detector) {
        return nameUuid("anomaly|" + readingId + "|" + detector);
    }

    /** Id of one change of an alarm. */
    public static String alarmEventId(String alarmId, long revision) {
        return alarmId + ":" + revision;
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
