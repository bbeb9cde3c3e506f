package io.plantwatch.ingest.device.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Publishes the registry state of a device on plant.devices (compacted, key = deviceId). */
@ApplicationScoped
public class DeviceEventPublisher {

    private final MutinyEmitter<DeviceEvent> devices;

    public DeviceEventPublisher(@Channel(Channels.DEVICES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<DeviceEvent> devices) {
        this.devices = devices;
    }

    /** Completes when Kafka has the state of {@code device}. */
    public Uni<Void> published(Device device) {
        return send(toEvent(device, false, device.revision(), device.updatedAt()));
    }

    /** Completes when Kafka has the removal of {@code device}. */
    public Uni<Void> deleted(Device device, Instant at) {
        return send(toEvent(device, true, device.revision() + 1, at));
    }

    private Uni<Void> send(DeviceEvent event) {
        return devices.sendMessage(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.deviceId()).build()));
    }

    public static DeviceEvent toEvent(Device d, boolean deleted, long revision, Instant at) {
        List<DeviceEvent.Channel> channels = new ArrayList<>(d.channels().size());
        for (DeviceChannel c : d.channels()) {
            channels.add(new DeviceEvent.Channel(c.name(), c.unit(), c.validLow(), c.validHigh(), c.alarmLow(),
                    c.alarmHigh(), c.expectedPeriodSeconds() != null ? c.expectedPeriodSeconds()
                            : d.protocol().polled() && d.pollIntervalMs() != null ? d.pollIntervalMs() / 1000.0 : null));
        }
        return new DeviceEvent(DeviceEvent.SCHEMA_VERSION, d.id(), d.name(), d.site(), d.line(), d.protocol().wire(),
                d.enabled(), deleted, channels, revision, at);
    }
}
