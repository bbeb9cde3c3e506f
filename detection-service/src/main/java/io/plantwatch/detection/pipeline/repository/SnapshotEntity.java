package io.plantwatch.detection.pipeline.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A device's detector state (collection {@code snapshots}, id = device id). */
@MongoEntity(collection = "snapshots")
public class SnapshotEntity {
    @BsonId
    public String id;
    /** Partition of plant.readings the device's readings arrive on (restore on assignment). */
    public int partition;
    public int formatVersion;
    public long samples;
    /** {@link io.plantwatch.detection.detector.DetectorSnapshot#state()}. */
    public byte[] state;
    /** Fingerprint of the configuration parts the state layout depends on. */
    public String structure;
    /** Device time of the last sample evaluated, epoch milliseconds (snapshots never go back in time). */
    public long lastTsMillis;
    /** The same instant, exactly (ISO-8601). */
    public String lastTs;
    public String lastReadingId;
    /** Wall-clock time (epoch ms) at which the last sample was evaluated: the missing-data clock. */
    public long lastWallMillis;
    public Instant savedAt;
}
