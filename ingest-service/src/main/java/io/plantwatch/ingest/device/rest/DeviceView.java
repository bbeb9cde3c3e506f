package io.plantwatch.ingest.device.rest;

import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.status.service.DeviceStatusTracker.StatusView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A device as the API shows it, with its live status. */
public record DeviceView(String id, String name, String site, String line, String protocol, boolean enabled,
        ConnectionView connection, Integer pollIntervalMs, List<ChannelView> channels, boolean discovered, long revision,
        Instant updatedAt, Boolean online, Instant lastSeen, String statusReason) {

    /** Protocol settings. */
    public record ConnectionView(String host, Integer port, Integer unitId, String path, String serialPort, Integer baud,
            Map<String, String> options) {
    }

    /** One channel. */
    public record ChannelView(String name, String unit, String address, String dataType, String wordOrder, double scale,
            double offset, Double validLow, Double validHigh, Double alarmLow, Double alarmHigh, Double expectedPeriodSeconds) {
    }

    static DeviceView of(Device d, StatusView status) {
        Device.Connection c = d.connection();
        List<ChannelView> channels = d.channels().stream().map(DeviceView::channel).toList();
        return new DeviceView(d.id(), d.name(), d.site(), d.line(), d.protocol().wire(), d.enabled(),
                new ConnectionView(c.host(), c.port(), c.unitId(), c.path(), c.serialPort(), c.baud(), c.options()),
                d.pollIntervalMs(), channels, d.discovered(), d.revision(), d.updatedAt(),
                status == null ? null : status.online(), status == null ? null : status.lastSeen(),
                status == null ? null : status.reason());
    }

    private static ChannelView channel(DeviceChannel c) {
        return new ChannelView(c.name(), c.unit(), c.address(), c.dataType() == null ? null : c.dataType().wire(),
                c.wordOrder() == null ? null : c.wordOrder().name(), c.scale(), c.offset(), c.validLow(), c.validHigh(),
                c.alarmLow(), c.alarmHigh(), c.expectedPeriodSeconds());
    }
}
