package io.plantwatch.alert.alarm.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** Per-device alarm settings set by an admin (the hysteresis of its alarms). */
@MongoEntity(collection = "device_settings")
public class DeviceSettingsEntity {
    @BsonId
    public String deviceId;
    /** Clear after this many quiet samples (x the channel's expected period), when the period is known. */
    public Integer clearAfterSamples;
    /** Clear after this many quiet seconds (used when no sample count applies). */
    public Long clearAfterSeconds;
    public String updatedBy;
    public Instant updatedAt;
}
