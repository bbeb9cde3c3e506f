package io.plantwatch.ingest.device.service;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.device.kafka.DeviceEventPublisher;
import io.plantwatch.ingest.device.repository.DeviceRepository;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device registry: MongoDB is the truth, this bean keeps an in-memory copy that every ingest path reads
 * (a lookup per sample must not cost a query). Each change is stored, published on plant.devices and announced
 * as {@link DeviceChanged} so that pollers and serial readers follow at runtime. A periodic refresh picks up
 * changes made through another ingest instance.
 */
@ApplicationScoped
public class DeviceRegistry {

    /**
     * Runs right after Reactive Messaging connected its emitters (it starts at LIBRARY_BEFORE): loading publishes
     * pending registry events and starts pollers that publish readings. The MQTT subscriber and the simulators
     * start after it.
     */
    public static final int STARTUP_PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 1;

    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);

    private final DeviceRepository repository;
    private final DeviceEventPublisher events;
    private final Event<DeviceChanged> changed;
    private final IngestConfig config;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    /** Devices whose latest state Kafka has not confirmed yet; the refresh retries them. */
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();

    public DeviceRegistry(DeviceRepository repository, DeviceEventPublisher events, Event<DeviceChanged> changed,
            IngestConfig config) {
        this.repository = repository;
        this.events = events;
        this.changed = changed;
        this.config = config;
    }

    void load(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        List<Device> stored = repository.all();
        for (Device d : stored) {
            devices.put(d.id(), d);
            unpublished.add(d.id());
            changed.fire(new DeviceChanged(null, d));
        }
        LOG.infof("device registry loaded: %d devices", stored.size());
        // a fresh consumer of the compacted topic catches up even if the topic was lost: every device is marked
        // unpublished and the first refresh republishes them all (idempotent). Not here: this observer runs before
        // the messaging channels are connected, and an emitter used now fails the start (a restart with registered
        // devices never came up).
    }

    public Optional<Device> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(devices.get(id));
    }

    public Collection<Device> all() {
        return devices.values();
    }

    public synchronized Device create(DeviceDraft draft) {
        Instant now = Instant.now();
        Device device = DeviceValidator.validate(draft, null, 1, now);
        if (!repository.insert(device, now)) {
            throw ApiException.conflict("device '" + device.id() + "' already exists; use PUT /api/v1/devices/" + device.id());
        }
        apply(null, device);
        return device;
    }

    public synchronized Device replace(String id, DeviceDraft draft) {
        Device before = current(id);
        Instant now = Instant.now();
        Device device = DeviceValidator.validate(draft, id, before.revision() + 1, now);
        Device stored = new Device(device.id(), device.name(), device.site(), device.line(), device.protocol(),
                device.enabled(), device.connection(), device.pollIntervalMs(), device.channels(), false,
                device.revision(), now);
        if (!repository.replace(stored, before.revision(), repository.createdAt(id).orElse(now))) {
            throw ApiException.conflict("device '" + id + "' was changed concurrently; read it again and retry");
        }
        apply(before, stored);
        return stored;
    }

    public synchronized void delete(String id) {
        Device before = current(id);
        repository.delete(id);
        devices.remove(id);
        unpublished.remove(id);
        changed.fire(new DeviceChanged(before, null));
        await(events.deleted(before, Instant.now()), id);
    }

    /**
     * Discovery mode: registers an unknown device, or adds unknown channels to a device discovery registered,
     * from what it sent. Admins complete site, units and ranges later.
     */
    public synchronized Device discover(String id, Protocol protocol, Collection<String> channelNames) {
        Device before = devices.get(id);
        Instant now = Instant.now();
        if (before == null) {
            List<DeviceChannel> channels = channelNames.stream().sorted().map(DeviceChannel::named).toList();
            Device device = new Device(id, id, config.discoverySite(), null, protocol, true, Device.Connection.NONE, null,
                    channels, true, 1, now);
            if (!repository.insert(device, now)) {
                return refreshOne(id).orElseThrow(() -> ApiException.conflict("device '" + id + "' is being registered"));
            }
            LOG.infof("discovery: registered device %s (%s) with channels %s", id, protocol.wire(), channelNames);
            apply(null, device);
            return device;
        }
        Set<String> missing = new LinkedHashSet<>(channelNames);
        before.channels().forEach(c -> missing.remove(c.name()));
        if (missing.isEmpty() || !before.discovered()) {
            return before;
        }
        List<DeviceChannel> channels = new ArrayList<>(before.channels());
        missing.stream().sorted().map(DeviceChannel::named).forEach(channels::add);
        Device device = new Device(id, before.name(), before.site(), before.line(), before.protocol(), before.enabled(),
                before.connection(), before.pollIntervalMs(), channels, true, before.revision() + 1, now);
        if (repository.replace(device, before.revision(), repository.createdAt(id).orElse(now))) {
            apply(before, device);
            return device;
        }
        return refreshOne(id).orElse(before);
    }

    /**
     * Registers {@code device} if its id is free (simulators on first start); if it exists and was made by
     * {@code ensure} before, only its connection is brought up to date (ports change between runs).
     */
    public synchronized Device ensure(Device device) {
        Device before = devices.get(device.id());
        Instant now = Instant.now();
        if (before == null) {
            Device fresh = device.withRevision(1, now);
            if (repository.insert(fresh, now)) {
                apply(null, fresh);
                return fresh;
            }
            return refreshOne(device.id()).orElse(fresh);
        }
        if (before.connection().equals(device.connection())) {
            return before;
        }
        Device updated = new Device(before.id(), before.name(), before.site(), before.line(), before.protocol(),
                before.enabled(), device.connection(), before.pollIntervalMs(), before.channels(), before.discovered(),
                before.revision() + 1, now);
        if (repository.replace(updated, before.revision(), repository.createdAt(before.id()).orElse(now))) {
            apply(before, updated);
            return updated;
        }
        return before;
    }

    /** Picks up changes made by other instances, and retries unconfirmed publications. */
    @Scheduled(every = "${plantwatch.ingest.registry-refresh:30s}", delayed = "${plantwatch.ingest.registry-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            Map<String, Device> stored = new HashMap<>();
            repository.all().forEach(d -> stored.put(d.id(), d));
            for (Device d : stored.values()) {
                Device before = devices.get(d.id());
                if (before == null || before.revision() != d.revision()) {
                    devices.put(d.id(), d);
                    changed.fire(new DeviceChanged(before, d));
                }
            }
            for (Device d : List.copyOf(devices.values())) {
                if (!stored.containsKey(d.id())) {
                    devices.remove(d.id());
                    changed.fire(new DeviceChanged(d, null));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("device registry refresh failed: %s", e.toString());
        }
        publishPending(true);
    }

    private Optional<Device> refreshOne(String id) {
        Optional<Device> stored = repository.findDevice(id);
        stored.ifPresent(d -> {
            Device before = devices.put(id, d);
            changed.fire(new DeviceChanged(before, d));
        });
        return stored;
    }

    private Device current(String id) {
        Device d = devices.get(id);
        if (d == null) {
            throw ApiException.notFound("device '" + id + "'");
        }
        return d;
    }

    private void apply(Device before, Device after) {
        devices.put(after.id(), after);
        unpublished.add(after.id());
        changed.fire(new DeviceChanged(before, after));
        publish(after, true);
    }

    private void publishPending(boolean wait) {
        for (String id : List.copyOf(unpublished)) {
            Device d = devices.get(id);
            if (d == null) {
                unpublished.remove(id);
            } else {
                publish(d, wait);
            }
        }
    }

    private void publish(Device device, boolean wait) {
        Uni<Void> sent = events.published(device).invoke(() -> {
            Device now = devices.get(device.id());
            if (now != null && now.revision() == device.revision()) {
                unpublished.remove(device.id());
            }
        });
        if (wait) {
            await(sent, device.id());
        } else {
            sent.subscribe().with(ok -> { }, e -> LOG.warnf("device %s: state not published yet (%s); retried by the refresh",
                    device.id(), e.toString()));
        }
    }

    private static void await(Uni<Void> sent, String id) {
        try {
            sent.await().atMost(PUBLISH_WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("device %s: Kafka did not confirm the registry event (%s); the refresh retries it", id, e.toString());
        }
    }
}
