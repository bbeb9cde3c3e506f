package io.plantwatch.ingest.device.service;

import java.util.List;
import java.util.Map;

/**
 * A device as an admin writes it (POST/PUT body): loosely typed, so that {@link DeviceValidator} can name every bad
 * field instead of failing on the first. Example:
 * <pre>{"id":"pump-1","name":"Feed pump 1","site":"plant-north","line":"line-2","protocol":"modbus-tcp",
 *  "connection":{"host":"10.0.0.5","port":502,"unitId":1},"pollIntervalMs":1000,
 *  "channels":[{"name":"pressure","unit":"bar","address":"holding-register:1","dataType":"float32",
 *               "validLow":0,"validHigh":25,"alarmHigh":7,"expectedPeriodSeconds":1}]}</pre>
 */
public record DeviceDraft(String id, String name, String site, String line, String protocol, Boolean enabled,
        ConnectionDraft connection, Integer pollIntervalMs, List<ChannelDraft> channels) {

    /** See {@link Device.Connection}. */
    public record ConnectionDraft(String host, Integer port, Integer unitId, String path, String serialPort,
            Integer baud, Map<String, String> options) {
    }

    /** See {@link DeviceChannel}; dataType and wordOrder by name ("float32", "CDAB"). */
    public record ChannelDraft(String name, String unit, String address, String dataType, String wordOrder,
            Double scale, Double offset, Double validLow, Double validHigh, Double alarmLow, Double alarmHigh,
            Double expectedPeriodSeconds) {
    }
}
