package io.plantwatch.alert.directory.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/** alert-service's projection of a device from plant.devices (the registry's latest state). */
@MongoEntity(collection = "devices")
public class DeviceEntity {
    @BsonId
    public String id;
    public String name;
    public String site;
    public String line;
    public boolean enabled;
    public List<Channel> channels;
    public long revision;
    public Instant at;

    /** A channel as far as alarms and mail need it. */
    public static class Channel {
        public String name;
        public String unit;
        public Double alarmLow;
        public Double alarmHigh;
        public Double expectedPeriodSeconds;
    }
}
