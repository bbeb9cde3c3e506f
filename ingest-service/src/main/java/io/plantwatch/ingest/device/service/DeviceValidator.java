package io.plantwatch.ingest.device.service;

import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.device.service.DeviceChannel.WordOrder;
import io.plantwatch.ingest.device.service.DeviceDraft.ChannelDraft;
import io.plantwatch.ingest.device.service.DeviceDraft.ConnectionDraft;
import io.plantwatch.ingest.reading.service.SampleValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a {@link DeviceDraft} into a {@link Device}, or fails naming every bad field. */
public final class DeviceValidator {

    static final int MAX_CHANNELS = 256;
    static final int MIN_POLL_MS = 100;
    static final int MAX_POLL_MS = 3_600_000;
    static final int DEFAULT_POLL_MS = 1000;
    static final Set<Integer> BAUD_RATES = Set.of(300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400,
            250000, 460800, 500000, 921600, 1000000);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private DeviceValidator() {
    }

    /**
     * @param draft  the body
     * @param pathId the id in the URL of a PUT (wins over the body's), or null on create
     */
    public static Device validate(DeviceDraft draft, String pathId, long revision, Instant now) {
        if (draft == null) {
            throw ApiException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String id = pathId != null ? pathId : draft.id();
        if (pathId != null && draft.id() != null && !draft.id().equals(pathId)) {
            errors.add(new FieldError("id", "must match the id in the path ('" + pathId + "') or be left out"));
        }
        if (id == null || id.isBlank()) {
            errors.add(new FieldError("id", "is required"));
        } else if (!SampleValidator.NAME.matcher(id).matches()) {
            errors.add(new FieldError("id", "must be 1-64 letters, digits, '.', '_', ':' or '-'"));
        }
        String name = text(draft.name(), "name", 128, false, errors);
        String site = text(draft.site(), "site", 64, true, errors);
        String line = text(draft.line(), "line", 64, false, errors);
        Protocol protocol = Protocol.fromWire(draft.protocol()).orElse(null);
        if (protocol == null) {
            errors.add(new FieldError("protocol", draft.protocol() == null ? "is required (" + Protocol.names() + ")"
                    : "must be one of " + Protocol.names()));
        }
        Device.Connection connection = protocol == null ? Device.Connection.NONE : connection(protocol, draft.connection(), errors);
        Integer poll = null;
        if (protocol != null && protocol.polled()) {
            poll = draft.pollIntervalMs() == null ? DEFAULT_POLL_MS : draft.pollIntervalMs();
            if (poll < MIN_POLL_MS || poll > MAX_POLL_MS) {
                errors.add(new FieldError("pollIntervalMs", "must be between " + MIN_POLL_MS + " and " + MAX_POLL_MS));
            }
        } else if (draft.pollIntervalMs() != null) {
            errors.add(new FieldError("pollIntervalMs", "applies only to polled protocols (modbus-tcp, opcua, s7)"));
        }
        List<DeviceChannel> channels = channels(protocol, draft.channels(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Device(id, name == null ? id : name, site, line, protocol,
                draft.enabled() == null || draft.enabled(), connection, poll, channels, false, revision, now);
    }

    private static String text(String value, String field, int max, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must be at most " + max + " printable characters"));
            return null;
        }
        return v;
    }

    private static Device.Connection connection(Protocol protocol, ConnectionDraft c, List<FieldError> errors) {
        ConnectionDraft d = c == null ? new ConnectionDraft(null, null, null, null, null, null, null) : c;
        Map<String, String> options = d.options() == null ? Map.of() : d.options();
        options.forEach((k, v) -> {
            if (k == null || !OPTION.matcher(k).matches() || v == null || !OPTION.matcher(v).matches()) {
                errors.add(new FieldError("connection.options." + k, "keys and values must be 1-64 letters, digits, '.', '_' or '-'"));
            }
        });
        switch (protocol) {
            case MODBUS_TCP, OPCUA, S7 -> {
                if (d.host() == null || d.host().isBlank()) {
                    errors.add(new FieldError("connection.host", "is required for " + protocol.wire()));
                } else if (!HOST.matcher(d.host()).matches()) {
                    errors.add(new FieldError("connection.host", "is not a host name or address"));
                }
                int port = d.port() == null ? protocol.defaultPort() : d.port();
                if (port < 1 || port > 65535) {
                    errors.add(new FieldError("connection.port", "must be 1-65535"));
                }
                Integer unit = null;
                if (protocol == Protocol.MODBUS_TCP) {
                    unit = d.unitId() == null ? 1 : d.unitId();
                    if (unit < 0 || unit > 255) {
                        errors.add(new FieldError("connection.unitId", "must be 0-255"));
                    }
                }
                String path = null;
                if (protocol == Protocol.OPCUA && d.path() != null && !d.path().isBlank()) {
                    path = d.path().startsWith("/") ? d.path() : "/" + d.path();
                    if (!path.matches("/[A-Za-z0-9._/-]{0,200}")) {
                        errors.add(new FieldError("connection.path", "must be a URL path such as /milo"));
                    }
                }
                return new Device.Connection(d.host(), port, unit, path, null, null, options);
            }
            case SERIAL -> {
                if (d.serialPort() == null || d.serialPort().isBlank()) {
                    errors.add(new FieldError("connection.serialPort", "is required for serial (e.g. /dev/ttyACM0)"));
                } else if (!d.serialPort().matches("[A-Za-z0-9._/:\\\\-]{1,256}")) {
                    errors.add(new FieldError("connection.serialPort", "is not a port path"));
                }
                int baud = d.baud() == null ? 9600 : d.baud();
                if (!BAUD_RATES.contains(baud)) {
                    errors.add(new FieldError("connection.baud", "must be a standard rate, e.g. 9600 or 115200"));
                }
                return new Device.Connection(null, null, null, null, d.serialPort(), baud, options);
            }
            default -> {
                return new Device.Connection(null, null, null, null, null, null, options);
            }
        }
    }

    private static List<DeviceChannel> channels(Protocol protocol, List<ChannelDraft> drafts, List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(new FieldError("channels", "must list at least one channel"));
            return List.of();
        }
        if (drafts.size() > MAX_CHANNELS) {
            errors.add(new FieldError("channels", "has " + drafts.size() + " channels; at most " + MAX_CHANNELS));
            return List.of();
        }
        List<DeviceChannel> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String p = "channels[" + i + "].";
            ChannelDraft c = drafts.get(i);
            if (c == null) {
                errors.add(new FieldError("channels[" + i + "]", "must be an object"));
                continue;
            }
            int before = errors.size();
            if (c.name() == null || !SampleValidator.NAME.matcher(c.name()).matches()) {
                errors.add(new FieldError(p + "name", "must be 1-64 letters, digits, '.', '_', ':' or '-'"));
            } else if (!names.add(c.name())) {
                errors.add(new FieldError(p + "name", "duplicates another channel's name"));
            }
            String unit = text(c.unit(), p + "unit", 32, false, errors);
            String address = null;
            DataType type = null;
            WordOrder order = null;
            if (protocol != null && protocol.polled()) {
                address = text(c.address(), p + "address", 256, true, errors);
                type = c.dataType() == null ? DataType.FLOAT32 : DataType.fromWire(c.dataType()).orElse(null);
                if (type == null) {
                    errors.add(new FieldError(p + "dataType", "must be one of " + DataType.names()));
                }
                try {
                    order = c.wordOrder() == null ? WordOrder.ABCD : WordOrder.valueOf(c.wordOrder().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(p + "wordOrder", "must be ABCD or CDAB"));
                }
            } else if (c.address() != null || c.dataType() != null) {
                errors.add(new FieldError(p + (c.address() != null ? "address" : "dataType"),
                        "applies only to polled protocols (modbus-tcp, opcua, s7)"));
            }
            double scale = finite(c.scale(), 1.0, p + "scale", errors);
            if (scale == 0.0) {
                errors.add(new FieldError(p + "scale", "must not be 0"));
            }
            double offset = finite(c.offset(), 0.0, p + "offset", errors);
            Double validLow = optionalFinite(c.validLow(), p + "validLow", errors);
            Double validHigh = optionalFinite(c.validHigh(), p + "validHigh", errors);
            Double alarmLow = optionalFinite(c.alarmLow(), p + "alarmLow", errors);
            Double alarmHigh = optionalFinite(c.alarmHigh(), p + "alarmHigh", errors);
            if (validLow != null && validHigh != null && validLow > validHigh) {
                errors.add(new FieldError(p + "validHigh", "must not be below validLow"));
            }
            if (alarmLow != null && alarmHigh != null && alarmLow > alarmHigh) {
                errors.add(new FieldError(p + "alarmHigh", "must not be below alarmLow"));
            }
            Double period = optionalFinite(c.expectedPeriodSeconds(), p + "expectedPeriodSeconds", errors);
            if (period != null && (period <= 0 || period > 86_400)) {
                errors.add(new FieldError(p + "expectedPeriodSeconds", "must be above 0 and at most 86400"));
            }
            if (errors.size() == before) {
                channels.add(new DeviceChannel(c.name(), unit, address, type, order, scale, offset, validLow, validHigh,
                        alarmLow, alarmHigh, period));
            }
        }
        return channels;
    }

    private static double finite(Double value, double fallback, String field, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (!Double.isFinite(value)) {
            errors.add(new FieldError(field, "must be a finite number"));
            return fallback;
        }
        return value;
    }

    private static Double optionalFinite(Double value, String field, List<FieldError> errors) {
        if (value != null && !Double.isFinite(value)) {
            errors.add(new FieldError(field, "must be a finite number"));
            return null;
        }
        return value;
    }
}
