package io.plantwatch.ingest.device.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registered field device (validated; the API and every ingest path use this, never the MongoDB entity).
 *
 * @param id             registry id, also the Kafka key of its readings
 * @param name           display name
 * @param site           site (plant)
 * @param line           production line, or null
 * @param protocol       how it delivers data
 * @param enabled        false: nothing is polled and its data are rejected
 * @param connection     protocol settings (host/port for PLCs, port path/baud for serial)
 * @param pollIntervalMs poll interval of polled protocols, null otherwise
 * @param channels       its channels
 * @param discovered     true when discovery mode registered it from unknown traffic
 * @param revision       increases with each change
 * @param updatedAt      time of the latest change
 */
public record Device(String id, String name, String site, String line, Protocol protocol, boolean enabled,
        Connection connection, Integer pollIntervalMs, List<DeviceChannel> channels, boolean discovered,
        long revision, Instant updatedAt) {

    public Device {
        channels = channels == null ? List.of() : List.copyOf(channels);
        connection = connection == null ? Connection.NONE : connection;
    }

    public Optional<DeviceChannel> channel(String name) {
        for (DeviceChannel c : channels) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * How often a sample is expected: the shortest expected period of its channels, else the poll interval of a
     * polled device, else none (then the device is never marked offline for silence).
     */
    public Optional<Duration> expectedPeriod() {
        Double shortest = null;
        for (DeviceChannel c : channels) {
            if (c.expectedPeriodSeconds() != null && (shortest == null || c.expectedPeriodSeconds() < shortest)) {
                shortest = c.expectedPeriodSeconds();
            }
        }
        if (shortest != null) {
            return Optional.of(Duration.ofMillis(Math.max(1, Math.round(shortest * 1000))));
        }
        if (protocol.polled() && pollIntervalMs != null) {
            return Optional.of(Duration.ofMillis(pollIntervalMs));
        }
        return Optional.empty();
    }

    public Device withRevision(long newRevision, Instant at) {
        return new Device(id, name, site, line, protocol, enabled, connection, pollIntervalMs, channels, discovered,
                newRevision, at);
    }

    /**
     * Protocol settings.
     *
     * @param host       PLC host (modbus-tcp, opcua, s7)
     * @param port       PLC port
     * @param unitId     Modbus unit identifier
     * @param path       OPC UA endpoint path, e.g. "/milo"
     * @param serialPort serial port path, e.g. /dev/ttyACM0
     * @param baud       serial baud rate
     * @param options    extra PLC4X connection options, e.g. {"remote-rack":"0","remote-slot":"1"} for S7
     */
    public record Connection(String host, Integer port, Integer unitId, String path, String serialPort, Integer baud,
            Map<String, String> options) {

        public static final Connection NONE = new Connection(null, null, null, null, null, null, Map.of());

        public Connection {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }
}
