package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.config.AlarmConfig;
import io.plantwatch.alert.alarm.repository.DeviceSettingsEntity;
import io.plantwatch.alert.alarm.repository.DeviceSettingsRepository;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.DeviceInfo;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Per-device hysteresis settings (admins edit them) and the quiet time they give an alarm. */
@ApplicationScoped
public class DeviceSettingsService {

    static final int MAX_SAMPLES = 100_000;
    static final Duration MAX_CLEAR_AFTER = Duration.ofDays(7);

    private final DeviceSettingsRepository settings;
    private final Directory directory;
    private final HysteresisPolicy policy;
    private final Clock clock;

    public DeviceSettingsService(DeviceSettingsRepository settings, Directory directory, AlarmConfig config, Clock clock) {
        this.settings = settings;
        this.directory = directory;
        this.policy = new HysteresisPolicy(config.hysteresis(), config.flapping());
        this.clock = clock;
    }

    public DeviceSettings get(String deviceId) {
        DeviceSettingsEntity e = settings.findById(deviceId);
        DeviceInfo device = directory.device(deviceId);
        Integer samples = e == null ? null : e.clearAfterSamples;
        Duration quiet = e == null || e.clearAfterSeconds == null ? null : Duration.ofSeconds(e.clearAfterSeconds);
        return new DeviceSettings(deviceId, samples, quiet == null ? null : quiet.toString(),
                policy.quietTime(samples, quiet, device.expectedPeriodSeconds("*"), 0).toString(),
                e == null ? null : e.updatedBy, e == null ? null : e.updatedAt);
    }

    /** Replaces the device's settings; both null resets it to the defaults. */
    public DeviceSettings put(String deviceId, Integer clearAfterSamples, Duration clearAfter, String actor) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (clearAfterSamples != null && (clearAfterSamples < 1 || clearAfterSamples > MAX_SAMPLES)) {
            errors.add(new ApiError.FieldError("clearAfterSamples", "must be between 1 and " + MAX_SAMPLES));
        }
        if (clearAfter != null && (clearAfter.compareTo(Duration.ofSeconds(1)) < 0 || clearAfter.compareTo(MAX_CLEAR_AFTER) > 0)) {
            errors.add(new ApiError.FieldError("clearAfter", "must be between PT1S and P7D"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (clearAfterSamples == null && clearAfter == null) {
            settings.deleteById(deviceId);
        } else {
            DeviceSettingsEntity e = new DeviceSettingsEntity();
            e.deviceId = deviceId;
            e.clearAfterSamples = clearAfterSamples;
            e.clearAfterSeconds = clearAfter == null ? null : clearAfter.toSeconds();
            e.updatedBy = actor;
            e.updatedAt = clock.instant();
            settings.put(e);
        }
        return get(deviceId);
    }

    /** Quiet time after which an alarm of {@code deviceId}/{@code channel} with {@code flapLevel} clears. */
    public Duration quietTime(String deviceId, String channel, int flapLevel, DeviceSettingsEntity deviceSettings,
            DeviceInfo device) {
        Integer samples = deviceSettings == null ? null : deviceSettings.clearAfterSamples;
        Duration quiet = deviceSettings == null || deviceSettings.clearAfterSeconds == null ? null
                : Duration.ofSeconds(deviceSettings.clearAfterSeconds);
        return policy.quietTime(samples, quiet, device.expectedPeriodSeconds(channel), flapLevel);
    }

    public DeviceSettingsEntity stored(String deviceId) {
        return settings.findById(deviceId);
    }
}
