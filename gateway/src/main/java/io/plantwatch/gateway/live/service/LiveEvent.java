package io.plantwatch.gateway.live.service;

import java.time.Instant;

/**
 * One event of the live feed, as sent to a client (one SSE {@code data:} line of JSON).
 *
 * @param type     {@code reading} (downsampled, see {@link ScreenReading}), {@code anomaly}, {@code alarm},
 *                 {@code status} (device online/offline), {@code device} (registry change), {@code hello} (first event
 *                 of a stream), {@code heartbeat}, or {@code gap} (this client read too slowly and missed events)
 * @param seq      position in this client's stream, 1, 2, 3 …; a client that sees no gap event missed nothing
 * @param deviceId device concerned, null for stream events
 * @param site     the device's site when known
 * @param at       when the event happened (reading/anomaly time, alarm change time)
 * @param data     the payload: the contract event ({@code AnomalyEvent}, {@code AlarmEvent}, {@code DeviceStatus},
 *                 {@code DeviceEvent}), a {@link ScreenReading}, or for {@code gap} {@code {"dropped": n}}
 */
public record LiveEvent(String type, long seq, String deviceId, String site, Instant at, Object data) {

    public static final String READING = "reading";
    public static final String ANOMALY = "anomaly";
    public static final String ALARM = "alarm";
    public static final String STATUS = "status";
    public static final String DEVICE = "device";
    public static final String HELLO = "hello";
    public static final String HEARTBEAT = "heartbeat";
    public static final String GAP = "gap";

    /** The types a client may ask for with {@code types=}. */
    public static final java.util.Set<String> FILTERABLE = java.util.Set.of(READING, ANOMALY, ALARM, STATUS, DEVICE);

    LiveEvent withSeq(long n) {
        return new LiveEvent(type, n, deviceId, site, at, data);
    }
}
