package io.plantwatch.detection.pipeline.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.detection.detector.DetectorSnapshot;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Detector state snapshots in {@code plantwatch_detection.snapshots}. A write never replaces a snapshot that is
 * further along the device's stream (e.g. one written by the partition's new owner after this instance lost it): the
 * replace is conditional on the stored {@code lastTsMillis}, and the upsert then fails on the unique id instead.
 */
@ApplicationScoped
public class SnapshotStore implements PanacheMongoRepositoryBase<SnapshotEntity, String> {

    private static final int DUPLICATE_KEY = 11000;

    /** Upserts the states; returns how many were not written because a newer snapshot is stored. */
    public int saveAll(Collection<StoredState> states) {
        if (states.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<WriteModel<SnapshotEntity>> writes = new ArrayList<>(states.size());
        for (StoredState s : states) {
            SnapshotEntity e = toEntity(s, now);
            writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", e.id), Filters.lte("lastTsMillis",
                    e.lastTsMillis)), e, new ReplaceOptions().upsert(true)));
        }
        try {
            mongoCollection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return 0;
        } catch (MongoBulkWriteException e) {
            int stale = 0;
            for (BulkWriteError err : e.getWriteErrors()) {
                if (err.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                stale++;
            }
            return stale;
        }
    }

    public StoredState stateOf(String deviceId) {
        SnapshotEntity e = findById(deviceId);
        return e == null ? null : toState(e);
    }

    public List<StoredState> statesOf(Collection<String> deviceIds) {
        List<StoredState> out = new ArrayList<>();
        if (!deviceIds.isEmpty()) {
            mongoCollection().find(Filters.in("_id", deviceIds)).forEach(e -> out.add(toState(e)));
        }
        return out;
    }

    public List<StoredState> statesInPartitions(Collection<Integer> partitions) {
        List<StoredState> out = new ArrayList<>();
        if (!partitions.isEmpty()) {
            mongoCollection().find(Filters.in("partition", partitions)).forEach(e -> out.add(toState(e)));
        }
        return out;
    }

    private static SnapshotEntity toEntity(StoredState s, Instant now) {
        SnapshotEntity e = new SnapshotEntity();
        e.id = s.deviceId();
        e.partition = s.partition();
        e.formatVersion = s.snapshot().formatVersion();
        e.samples = s.snapshot().samples();
        e.state = s.snapshot().state();
        e.structure = s.structure();
        e.lastTsMillis = s.lastTs() == null ? Long.MIN_VALUE : s.lastTs().toEpochMilli();
        e.lastTs = s.lastTs() == null ? null : s.lastTs().toString();
        e.lastReadingId = s.lastReadingId();
        e.lastWallMillis = s.lastWallMillis();
        e.savedAt = now;
        return e;
    }

    private static StoredState toState(SnapshotEntity e) {
        return new StoredState(e.id, e.partition, e.structure,
                new DetectorSnapshot(e.formatVersion, e.id, e.samples, e.state),
                e.lastTs == null ? null : Instant.parse(e.lastTs), e.lastReadingId, e.lastWallMillis);
    }
}
