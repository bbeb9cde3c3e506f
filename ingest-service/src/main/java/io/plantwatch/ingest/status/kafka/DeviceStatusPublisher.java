package io.plantwatch.ingest.status.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceStatus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Online/offline changes on plant.device-status (key = deviceId). */
@ApplicationScoped
public class DeviceStatusPublisher {

    private final MutinyEmitter<DeviceStatus> statuses;

    public DeviceStatusPublisher(@Channel(Channels.DEVICE_STATUS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<DeviceStatus> statuses) {
        this.statuses = statuses;
    }

    public Uni<Void> publish(DeviceStatus status) {
        return statuses.sendMessage(Message.of(status)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(status.deviceId()).build()));
    }
}
