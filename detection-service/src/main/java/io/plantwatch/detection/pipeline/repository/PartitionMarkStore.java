package io.plantwatch.detection.pipeline.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Snapshot marks per plant.readings partition, written right after the snapshots they describe. A new owner of a
 * partition reads its mark and replays from there up to the committed offset into detector state, so samples that a
 * crashed owner evaluated after its last snapshot are not missing from the state. A mark only moves forward
 * ({@code $max}), so a late write of a former owner cannot move it back.
 */
@ApplicationScoped
public class PartitionMarkStore implements PanacheMongoRepositoryBase<PartitionMarkEntity, Integer> {

    /** Moves the marks of these partitions forward (partition → next offset covered by the stored snapshots). */
    public void advance(Map<Integer, Long> nextOffsets) {
        Instant now = Instant.now();
        nextOffsets.forEach((partition, offset) -> mongoCollection().updateOne(Filters.eq("_id", partition),
                Updates.combine(Updates.max("offset", offset), Updates.set("savedAt", now)),
                new UpdateOptions().upsert(true)));
    }

    /** The stored marks of these partitions (partitions without one are left out). */
    public Map<Integer, Long> marksOf(Collection<Integer> partitions) {
        Map<Integer, Long> marks = new HashMap<>();
        if (!partitions.isEmpty()) {
            mongoCollection().find(Filters.in("_id", partitions)).forEach(e -> marks.put(e.partition, e.offset));
        }
        return marks;
    }
}
