package io.plantwatch.detection.configuration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.detection.configuration.repository.ConfigOverrideEntity;
import io.plantwatch.detection.configuration.repository.ConfigOverrideStore;
import io.plantwatch.detection.detector.DetectorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detector configuration of every device: library defaults ← device registry (plant.devices) ← service-wide
 * override ← device override (MongoDB, changed through /api/v1/detection/config). Keeps the registry projection and
 * the overrides in memory, reloads overrides changed by other instances, and announces changes with
 * {@link ConfigChanged} so the live engine applies them without a restart. Thread-safe (concurrent maps of immutable
 * values).
 */
@ApplicationScoped
public class DeviceConfigs {

    private static final Logger LOG = Logger.getLogger(DeviceConfigs.class);
    /** Clock skew between instances tolerated when asking MongoDB what changed since the last look. */
    private static final Duration REFRESH_OVERLAP = Duration.ofMinutes(1);

    private final ConfigOverrideStore store;
    private final Event<ConfigChanged> changes;
    private final Map<String, StoredOverride> overrides = new ConcurrentHashMap<>();
    private final Map<String, DeviceEvent> registry = new ConcurrentHashMap<>();
    private volatile Instant lastSeenUpdate = Instant.EPOCH;

    public DeviceConfigs(ConfigOverrideStore store, Event<ConfigChanged> changes) {
        this.store = store;
        this.changes = changes;
    }

    /** An override as stored. */
    public record StoredOverride(String id, JsonNode override, long revision, Instant updatedAt, String updatedBy) {
    }

    void load(@Observes StartupEvent ignored) {
        for (ConfigOverrideEntity e : store.all()) {
            accept(e, false);
        }
    }

    /** Picks up overrides written by other instances (this instance applies its own writes at once). */
    @Scheduled(every = "{plantwatch.detection.config-refresh-interval}", delayed = "{plantwatch.detection.config-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (ConfigOverrideEntity e : store.changedSince(lastSeenUpdate.minus(REFRESH_OVERLAP))) {
            accept(e, true);
        }
    }

    private void accept(ConfigOverrideEntity e, boolean announce) {
        StoredOverride known = overrides.get(e.id);
        if (known != null && known.revision() >= e.revision) {
            return;
        }
        JsonNode json;
        try {
            json = ConfigMerger.mapper().readTree(e.override == null ? "{}" : e.override);
        } catch (JsonProcessingException ex) {
            LOG.warnf("ignoring unreadable configuration override %s (revision %d): %s", e.id, e.revision,
                    ex.getOriginalMessage());
            return;
        }
        overrides.put(e.id, new StoredOverride(e.id, json, e.revision, e.updatedAt, e.updatedBy));
        if (e.updatedAt != null && e.updatedAt.isAfter(lastSeenUpdate)) {
            lastSeenUpdate = e.updatedAt;
        }
        if (announce) {
            changes.fire(new ConfigChanged(ConfigOverrideStore.SERVICE_WIDE.equals(e.id) ? null : e.id));
        }
    }

    /** The configuration the live engine uses for {@code deviceId}. */
    public DetectorConfig effective(String deviceId) {
        return build(deviceId, registry.get(deviceId), override(ConfigOverrideStore.SERVICE_WIDE), override(deviceId));
    }

    /** Defaults with the service-wide override only (e.g. for a backtest of a file that belongs to no device). */
    public DetectorConfig serviceDefaults(String label) {
        return build(label, null, override(ConfigOverrideStore.SERVICE_WIDE), null);
    }

    /** The effective configuration of {@code deviceId} with one more override layer on top (validated first). */
    public DetectorConfig withExtra(DetectorConfig effective, JsonNode extra, String fieldPrefix) {
        List<ApiError.FieldError> errors = ConfigMerger.validate(extra);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .map(f -> new ApiError.FieldError(fieldPrefix + "." + f.field(), f.message())).toList());
        }
        ObjectNode merged = ConfigMerger.toJson(effective);
        ConfigMerger.apply(merged, extra);
        try {
            return ConfigMerger.build(merged);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(fieldPrefix, e.getMessage());
        }
    }

    private static DetectorConfig build(String deviceId, DeviceEvent device, JsonNode serviceWide, JsonNode own) {
        ObjectNode merged = ConfigMerger.base(deviceId, device);
        ConfigMerger.apply(merged, serviceWide);
        ConfigMerger.apply(merged, own);
        return ConfigMerger.build(merged);
    }

    private JsonNode override(String id) {
        StoredOverride o = overrides.get(id);
        return o == null ? null : o.override();
    }

    public StoredOverride storedOverride(String id) {
        return overrides.get(id);
    }

    /** Device ids that have an override of their own. */
    public List<String> devicesWithOverrides() {
        return overrides.keySet().stream().filter(id -> !ConfigOverrideStore.SERVICE_WIDE.equals(id)).sorted().toList();
    }

    /**
     * Validates and stores an override (replacing the previous one) and applies it at once.
     *
     * @param deviceId the device, or null for the service-wide layer
     */
    public StoredOverride put(String deviceId, JsonNode override, String user) {
        List<ApiError.FieldError> errors = ConfigMerger.validate(override);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String id = deviceId == null ? ConfigOverrideStore.SERVICE_WIDE : deviceId;
        // the result must build for the device (and, service-wide, for a device without registry data)
        try {
            build(deviceId == null ? "device" : deviceId, deviceId == null ? null : registry.get(deviceId),
                    deviceId == null ? override : override(ConfigOverrideStore.SERVICE_WIDE),
                    deviceId == null ? null : override);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("body", e.getMessage());
        }
        ConfigOverrideEntity saved = store.save(id, override.toString(), user, Instant.now());
        accept(saved, false);
        changes.fire(new ConfigChanged(deviceId));
        return overrides.get(id);
    }

    // ------------------------------------------------------------------ device registry projection

    /** A registry event (plant.devices): newer revisions replace older ones; a deletion removes the device. */
    public void onDeviceEvent(DeviceEvent event) {
        if (event.deviceId() == null) {
            return;
        }
        if (event.deleted()) {
            onDeviceRemoved(event.deviceId());
            return;
        }
        DeviceEvent known = registry.get(event.deviceId());
        if (known != null && known.revision() > event.revision()) {
            return;
        }
        registry.put(event.deviceId(), event);
        if (known == null || !known.channels().equals(event.channels())) {
            changes.fire(new ConfigChanged(event.deviceId()));
        }
    }

    public void onDeviceRemoved(String deviceId) {
        if (registry.remove(deviceId) != null) {
            changes.fire(new ConfigChanged(deviceId));
        }
    }

    /** The registry's view of a device, or null when no DeviceEvent has arrived for it. */
    public DeviceEvent registered(String deviceId) {
        return registry.get(deviceId);
    }

    /** False only for a device the registry says is disabled (its silence is not an anomaly). */
    public boolean monitored(String deviceId) {
        DeviceEvent d = registry.get(deviceId);
        return d == null || d.enabled();
    }
}
