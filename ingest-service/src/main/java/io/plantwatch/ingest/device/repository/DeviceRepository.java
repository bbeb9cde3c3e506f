package io.plantwatch.ingest.device.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.plantwatch.ingest.device.service.DataType;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.device.service.Protocol;
import io.plantwatch.ingest.device.repository.DeviceEntity.ChannelEntity;
import io.plantwatch.ingest.device.repository.DeviceEntity.ConnectionEntity;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** The device registry collection. Writes are single-document (the wire server has no transactions). */
@ApplicationScoped
public class DeviceRepository implements PanacheMongoRepositoryBase<DeviceEntity, String> {

    public List<Device> all() {
        List<Device> devices = new ArrayList<>();
        for (DeviceEntity e : listAll()) {
            toDevice(e).ifPresent(devices::add);
        }
        return devices;
    }

    public Optional<Device> findDevice(String id) {
        return findByIdOptional(id).flatMap(DeviceRepository::toDevice);
    }

    /** Inserts; false when the id is taken. */
    public boolean insert(Device device, Instant now) {
        DeviceEntity e = toEntity(device);
        e.createdAt = now;
        try {
            persist(e);
            return true;
        } catch (MongoWriteException ex) {
            if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw ex;
        }
    }

    /** Replaces the stored device if its revision is still {@code expectedRevision}; false otherwise. */
    public boolean replace(Device device, long expectedRevision, Instant createdAt) {
        DeviceEntity e = toEntity(device);
        e.createdAt = createdAt;
        return mongoCollection().replaceOne(Filters.and(Filters.eq("_id", device.id()),
                Filters.eq("revision", expectedRevision)), e).getMatchedCount() == 1;
    }

    public Optional<Instant> createdAt(String id) {
        return findByIdOptional(id).map(e -> e.createdAt);
    }

    public boolean delete(String id) {
        return deleteById(id);
    }

    static DeviceEntity toEntity(Device d) {
        DeviceEntity e = new DeviceEntity();
        e.id = d.id();
        e.name = d.name();
        e.site = d.site();
        e.line = d.line();
        e.protocol = d.protocol().wire();
        e.enabled = d.enabled();
        ConnectionEntity c = new ConnectionEntity();
        c.host = d.connection().host();
        c.port = d.connection().port();
        c.unitId = d.connection().unitId();
        c.path = d.connection().path();
        c.serialPort = d.connection().serialPort();
        c.baud = d.connection().baud();
        c.options = new HashMap<>(d.connection().options());
        e.connection = c;
        e.pollIntervalMs = d.pollIntervalMs();
        e.channels = new ArrayList<>();
        for (DeviceChannel ch : d.channels()) {
            ChannelEntity ce = new ChannelEntity();
            ce.name = ch.name();
            ce.unit = ch.unit();
            ce.address = ch.address();
            ce.dataType = ch.dataType() == null ? null : ch.dataType().wire();
            ce.wordOrder = ch.wordOrder() == null ? null : ch.wordOrder().name();
            ce.scale = ch.scale();
            ce.offset = ch.offset();
            ce.validLow = ch.validLow();
            ce.validHigh = ch.validHigh();
            ce.alarmLow = ch.alarmLow();
            ce.alarmHigh = ch.alarmHigh();
            ce.expectedPeriodSeconds = ch.expectedPeriodSeconds();
            e.channels.add(ce);
        }
        e.discovered = d.discovered();
        e.revision = d.revision();
        e.updatedAt = d.updatedAt();
        return e;
    }

    /** Empty for a document this version cannot read (e.g. an unknown protocol written by a newer version). */
    static Optional<Device> toDevice(DeviceEntity e) {
        Optional<Protocol> protocol = Protocol.fromWire(e.protocol);
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        ConnectionEntity c = e.connection == null ? new ConnectionEntity() : e.connection;
        List<DeviceChannel> channels = new ArrayList<>();
        if (e.channels != null) {
            for (ChannelEntity ce : e.channels) {
                channels.add(new DeviceChannel(ce.name, ce.unit, ce.address,
                        DataType.fromWire(ce.dataType).orElse(null),
                        ce.wordOrder == null ? null : DeviceChannel.WordOrder.valueOf(ce.wordOrder), ce.scale, ce.offset,
                        ce.validLow, ce.validHigh, ce.alarmLow, ce.alarmHigh, ce.expectedPeriodSeconds));
            }
        }
        return Optional.of(new Device(e.id, e.name, e.site, e.line, protocol.get(), e.enabled,
                new Device.Connection(c.host, c.port, c.unitId, c.path, c.serialPort, c.baud, c.options),
                e.pollIntervalMs, channels, e.discovered, e.revision, e.updatedAt));
    }
}
