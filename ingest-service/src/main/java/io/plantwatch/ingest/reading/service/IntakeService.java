package io.plantwatch.ingest.reading.service;

import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.DeadLetters;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChanged;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.device.service.DeviceRegistry;
import io.plantwatch.ingest.device.service.Protocol;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.plantwatch.ingest.reading.kafka.ReadingBuffer;
import io.plantwatch.ingest.reading.kafka.ReadingPublisher;
import io.plantwatch.ingest.status.service.DeviceStatusTracker;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one gate every protocol passes after parsing: checks samples against the registry (unknown device or
 * channel, disabled device, replayed sample id), flags values outside the valid range as quality BAD, publishes
 * the readings and tells the status tracker. HTTP gets its problems as a 400; the other protocols, which have
 * no one to answer, put them on the dead-letter topic with a reason.
 */
@ApplicationScoped
public class IntakeService {

    /** Dead-letter reasons. */
    public static final String UNKNOWN_DEVICE = "unknown-device";
    public static final String UNKNOWN_CHANNEL = "unknown-channel";
    public static final String DEVICE_DISABLED = "device-disabled";
    public static final String DUPLICATE_SAMPLE = "duplicate-sample-id";

    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    private final DeviceRegistry registry;
    private final ReadingPublisher publisher;
    private final DeviceStatusTracker status;
    private final IngestConfig config;
    private final RecentSampleIds recent;

    public IntakeService(DeviceRegistry registry, ReadingPublisher publisher, DeviceStatusTracker status,
            IngestConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.status = status;
        this.config = config;
        this.recent = new RecentSampleIds(config.recentSampleIds());
    }

    /** What an HTTP push achieved. */
    public record PushResult(String deviceId, List<String> readingIds, int duplicates, int badQuality) {
    }

    /**
     * HTTP: the whole batch is checked first (400 naming every unknown channel); replayed sample ids are
     * dead-lettered and counted, the rest is published. Completes when Kafka has every reading; fails with
     * {@link ApiException} (400, or 503 when the buffer is full). Blocking in discovery mode (registers devices).
     */
    public CompletionStage<PushResult> push(SampleBatch batch, byte[] payload) {
        Device device = knownDevice(batch, Protocol.HTTP);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.samples().size(); i++) {
            for (String channel : batch.samples().get(i).values().keySet()) {
                if (device.channel(channel).isEmpty()) {
                    errors.add(new FieldError("samples[" + i + "].values." + channel,
                            "is not a channel of device '" + device.id() + "'"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Instant receivedAt = Instant.now();
        List<Reading> fresh = new ArrayList<>();
        List<String> freshIds = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int bad = 0;
        for (Sample s : batch.samples()) {
            if (s.sampleId() != null && recent.seen(device.id(), s.sampleId())) {
                duplicates.add(s.sampleId());
                continue;
            }
            Reading r = reading(device, s, Source.HTTP, receivedAt);
            bad += r.quality() == Quality.BAD ? 1 : 0;
            fresh.add(r);
            if (s.sampleId() != null) {
                freshIds.add(s.sampleId());
            }
        }
        if (!duplicates.isEmpty()) {
            deadLetter(device.id(), Source.HTTP, DUPLICATE_SAMPLE,
                    List.of("sample ids already accepted: " + abbreviate(duplicates)), payload);
        }
        List<String> ids = fresh.stream().map(Reading::id).toList();
        if (fresh.isEmpty()) {
            return CompletableFuture.completedFuture(new PushResult(device.id(), ids, duplicates.size(), 0));
        }
        CompletionStage<Void> sent;
        try {
            sent = publisher.publish(fresh);
        } catch (ReadingBuffer.Full full) {
            throw ApiException.unavailable(full.getMessage() + "; retry", 5);
        }
        int badCount = bad;
        return sent.thenApply(ok -> {
            recent.remember(device.id(), freshIds);
            status.seen(device.id(), latest(fresh));
            return new PushResult(device.id(), ids, duplicates.size(), badCount);
        });
    }

    /**
     * Polling, serial, MQTT: samples of one device, each checked on its own; rejects go to the dead-letter topic.
     * Completes when Kafka has the accepted readings (retried until it has); fails at once with
     * {@link ReadingBuffer.Full} when the buffer is full, so that the caller can hold the data back.
     */
    public CompletionStage<Void> submit(String deviceId, Source source, List<Sample> samples, String payload) {
        Device device = registry.find(deviceId).orElse(null);
        Set<String> names = channelNames(samples);
        boolean needsDiscovery = config.discovery() && (device == null || device.discovered() && !hasAll(device, names));
        if (needsDiscovery) {
            // registering writes to MongoDB: not on the caller's (possibly event-loop) thread
            return CompletableFuture.supplyAsync(() -> registry.discover(deviceId, protocolOf(source), names),
                    Infrastructure.getDefaultWorkerPool()).thenCompose(d -> submit(d, source, samples, payload));
        }
        if (device == null) {
            return deadLetter(deviceId, source, UNKNOWN_DEVICE,
                    List.of("device '" + deviceId + "' is not registered (POST /api/v1/devices, or discovery mode)"), payload);
        }
        return submit(device, source, samples, payload);
    }

    private CompletionStage<Void> submit(Device device, Source source, List<Sample> samples, String payload) {
        if (!device.enabled()) {
            return deadLetter(device.id(), source, DEVICE_DISABLED, List.of("device '" + device.id() + "' is disabled"), payload);
        }
        Instant receivedAt = Instant.now();
        List<Reading> fresh = new ArrayList<>(samples.size());
        List<String> freshIds = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Sample s : samples) {
            List<String> missing = s.values().keySet().stream().filter(c -> device.channel(c).isEmpty()).sorted().toList();
            if (!missing.isEmpty()) {
                missing.forEach(c -> unknown.add("values." + c + " is not a channel of device '" + device.id() + "'"));
            } else if (s.sampleId() != null && (recent.seen(device.id(), s.sampleId()) || freshIds.contains(s.sampleId()))) {
                duplicates.add(s.sampleId());
            } else {
                fresh.add(reading(device, s, source, receivedAt));
                if (s.sampleId() != null) {
                    freshIds.add(s.sampleId());
                }
            }
        }
        List<CompletionStage<Void>> steps = new ArrayList<>();
        if (!unknown.isEmpty()) {
            steps.add(deadLetter(device.id(), source, UNKNOWN_CHANNEL, unknown, payload));
        }
        if (!duplicates.isEmpty()) {
            steps.add(deadLetter(device.id(), source, DUPLICATE_SAMPLE,
                    List.of("sample ids already accepted: " + abbreviate(duplicates)), payload));
        }
        if (!fresh.isEmpty()) {
            CompletionStage<Void> sent = publisher.publishReliably(fresh);
            // retried until Kafka has them, so the ids count as taken now: a replay right behind is a duplicate
            recent.remember(device.id(), freshIds);
            steps.add(sent.thenRun(() -> status.seen(device.id(), latest(fresh))));
        }
        return CompletableFuture.allOf(steps.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
    }

    /** A payload that could not be parsed: kept on the dead-letter topic with the reason. */
    public CompletionStage<Void> reject(String deviceId, Source source, String reason, List<String> errors, String payload) {
        return deadLetter(deviceId, source, reason, errors, payload);
    }

    /** A device's self-reported state (MQTT status topic), for registered devices only. */
    public void reportStatus(String deviceId, boolean online, String reason) {
        if (registry.find(deviceId).filter(Device::enabled).isPresent()) {
            status.reported(deviceId, online, reason);
        }
    }

    void onDeviceChanged(@Observes DeviceChanged change) {
        if (change.after() == null) {
            recent.forget(change.deviceId());
        }
    }

    private Device knownDevice(SampleBatch batch, Protocol protocol) {
        Device device = registry.find(batch.deviceId()).orElse(null);
        Set<String> names = new LinkedHashSet<>();
        batch.samples().forEach(s -> names.addAll(s.values().keySet()));
        if (config.discovery() && (device == null || device.discovered() && !hasAll(device, names))) {
            device = registry.discover(batch.deviceId(), protocol, names);
        }
        if (device == null) {
            throw ApiException.invalid("deviceId", "'" + batch.deviceId()
                    + "' is not a registered device; an admin registers it with POST /api/v1/devices");
        }
        if (!device.enabled()) {
            throw ApiException.invalid("deviceId", "'" + batch.deviceId() + "' is disabled");
        }
        return device;
    }

    static Reading reading(Device device, Sample s, Source source, Instant receivedAt) {
        Quality quality = Quality.GOOD;
        for (Map.Entry<String, Double> v : s.values().entrySet()) {
            DeviceChannel channel = device.channel(v.getKey()).orElse(null);
            if (channel != null && !channel.valid(v.getValue())) {
                quality = Quality.BAD;
            }
        }
        String id = s.sampleId() != null ? EventIds.readingId(device.id(), s.sampleId()) : EventIds.readingId(device.id(), s.ts());
        return Reading.of(id, device.id(), s.ts(), receivedAt, source, s.values(), quality);
    }

    private CompletionStage<Void> deadLetter(String deviceId, Source source, String reason, List<String> errors, String payload) {
        return publisher.deadLetter(DeadLetters.of(deviceId, source, reason, errors, payload))
                .onFailure().invoke(e -> LOG.warnf("dead letter for %s (%s) not published: %s", deviceId, reason, e.toString()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage();
    }

    private CompletionStage<Void> deadLetter(String deviceId, Source source, String reason, List<String> errors, byte[] payload) {
        return deadLetter(deviceId, source, reason, errors,
                payload == null ? null : new String(payload, 0, Math.min(payload.length, 16384), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Set<String> channelNames(List<Sample> samples) {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.addAll(s.values().keySet()));
        return names;
    }

    private static boolean hasAll(Device device, Set<String> names) {
        return names.stream().allMatch(n -> device.channel(n).isPresent());
    }

    private static Protocol protocolOf(Source source) {
        return switch (source) {
            case MQTT -> Protocol.MQTT;
            case MODBUS -> Protocol.MODBUS_TCP;
            case OPCUA -> Protocol.OPCUA;
            case S7 -> Protocol.S7;
            case SERIAL -> Protocol.SERIAL;
            default -> Protocol.HTTP;
        };
    }

    private static Instant latest(List<Reading> readings) {
        Instant latest = readings.get(0).ts();
        for (Reading r : readings) {
            if (r.ts().isAfter(latest)) {
                latest = r.ts();
            }
        }
        return latest;
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 10)) + " … (" + ids.size() + ")";
    }
}
