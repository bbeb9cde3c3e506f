package io.plantwatch.ingest.device.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A registered device as stored in {@code plantwatch_ingest.devices}; mapped to {@code Device} at the edge. */
@MongoEntity(collection = "devices")
public class DeviceEntity {
    @BsonId
    public String id;
    public String name;
    public String site;
    public String line;
    public String protocol;
    public boolean enabled;
    public ConnectionEntity connection;
    public Integer pollIntervalMs;
    public List<ChannelEntity> channels;
    public boolean discovered;
    public long revision;
    public Instant createdAt;
    public Instant updatedAt;

    /** Protocol settings. */
    public static class ConnectionEntity {
        public String host;
        public Integer port;
        public Integer unitId;
        public String path;
        public String serialPort;
        public Integer baud;
        public Map<String, String> options;
    }

    /** One channel. */
    public static class ChannelEntity {
        public String name;
        public String unit;
        public String address;
        public String dataType;
        public String wordOrder;
        public double scale = 1.0;
        public double offset;
        public Double validLow;
        public Double validHigh;
        public Double alarmLow;
        public Double alarmHigh;
        public Double expectedPeriodSeconds;
    }
}
