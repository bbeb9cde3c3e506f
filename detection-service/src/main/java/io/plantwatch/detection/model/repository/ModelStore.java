package io.plantwatch.detection.model.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * Models in {@code plantwatch_detection.models}, their bytes in {@code model_chunks}. Bytes are written in chunks
 * (a MongoDB document holds at most 16 MB; GridFS would do the same but the wire server used in tests lacks it), then
 * the model document records how many chunks it has, so a reader never sees a half-written model as READY.
 */
@ApplicationScoped
public class ModelStore implements PanacheMongoRepositoryBase<ModelEntity, String> {

    /** Suffix of the chunk key of a job's stored training rows. */
    static final String INPUT = ":input";

    private final ChunkStore chunks;

    public ModelStore(ChunkStore chunks) {
        this.chunks = chunks;
    }

    /** Chunk documents of model bytes. */
    @ApplicationScoped
    public static class ChunkStore implements PanacheMongoRepositoryBase<ModelChunkEntity, String> {
    }

    public void insert(ModelEntity e) {
        persist(e);
    }

    /** Sets fields of a model (single-document update). */
    public void set(String id, Bson... updates) {
        mongoCollection().updateOne(eq("_id", id), Updates.combine(updates));
    }

    public void progress(String id, String status, int progress) {
        set(id, Updates.set("status", status), Updates.set("progress", progress));
    }

    /** Writes a model's bytes as chunks of at most {@code chunkBytes}; returns the chunk count. */
    public int writeBytes(String modelId, byte[] bytes, int chunkBytes) {
        chunks.mongoCollection().deleteMany(eq("modelId", modelId));
        int n = 0;
        for (int off = 0; off < bytes.length || n == 0; off += chunkBytes) {
            ModelChunkEntity c = new ModelChunkEntity();
            c.id = modelId + ":" + n;
            c.modelId = modelId;
            c.index = n;
            c.data = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + chunkBytes));
            chunks.persist(c);
            n++;
        }
        return n;
    }

    /** A model's bytes, or null when its chunks are not (all) there. */
    public byte[] readBytes(String modelId, int expectedChunks) {
        List<ModelChunkEntity> list = chunks.mongoCollection().find(eq("modelId", modelId))
                .sort(Sorts.ascending("index")).into(new ArrayList<>());
        if (list.size() != expectedChunks) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ModelChunkEntity c : list) {
            out.writeBytes(c.data);
        }
        return out.toByteArray();
    }

    /** Writes the training rows of a job (so any instance can resume it); returns the chunk count. */
    public int writeInput(String modelId, byte[] bytes, int chunkBytes) {
        return writeBytes(modelId + INPUT, bytes, chunkBytes);
    }

    public byte[] readInput(String modelId, int expectedChunks) {
        return readBytes(modelId + INPUT, expectedChunks);
    }

    public void deleteInput(String modelId) {
        chunks.mongoCollection().deleteMany(eq("modelId", modelId + INPUT));
    }

    /** Sets fields of a model if {@code owner} still holds its training lease; false when it lost it. */
    public boolean setIfOwner(String id, String owner, Bson... updates) {
        return mongoCollection().updateOne(Filters.and(eq("_id", id), eq("leaseOwner", owner)),
                Updates.combine(updates)).getMatchedCount() > 0;
    }

    /** Extends the leases {@code owner} holds on these jobs. */
    public void renewLeases(java.util.Collection<String> ids, String owner, java.time.Instant until) {
        if (!ids.isEmpty()) {
            mongoCollection().updateMany(Filters.and(Filters.in("_id", ids), eq("leaseOwner", owner)),
                    Updates.set("leaseUntil", java.util.Date.from(until)));
        }
    }

    /** Unfinished trainings whose lease ran out (or that never had one): their instance is gone. */
    public List<ModelEntity> abandoned(java.time.Instant now) {
        return mongoCollection().find(Filters.and(Filters.in("status", "QUEUED", "TRAINING"), expired(now)))
                .into(new ArrayList<>());
    }

    /**
     * Takes over an abandoned training: one atomic update that only matches while the lease is still expired, so of
     * several instances trying at once exactly one gets it. Re-queues it and counts the attempt.
     *
     * @return the model as claimed, or null when another instance was first (or it finished meanwhile)
     */
    public ModelEntity claim(String id, String owner, java.time.Instant now, java.time.Instant until) {
        return mongoCollection().findOneAndUpdate(
                Filters.and(eq("_id", id), Filters.in("status", "QUEUED", "TRAINING"), expired(now)),
                Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", java.util.Date.from(until)),
                        Updates.set("status", "QUEUED"), Updates.set("progress", 0), Updates.inc("attempts", 1)),
                new com.mongodb.client.model.FindOneAndUpdateOptions()
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
    }

    private static Bson expired(java.time.Instant now) {
        return Filters.or(Filters.lt("leaseUntil", java.util.Date.from(now)), eq("leaseUntil", null));
    }

    public void deleteModel(String id) {
        chunks.mongoCollection().deleteMany(eq("modelId", id));
        deleteInput(id);
        deleteById(id);
    }

    /** Models visible to {@code user}: own, shared with the site, presets (admins see all). */
    public List<ModelEntity> visibleTo(String user, boolean admin) {
        Bson filter = admin ? new org.bson.Document() : Filters.or(eq("owner", user), eq("visibility", "SITE"),
                eq("preset", true));
        return mongoCollection().find(filter).sort(Sorts.descending("createdAt")).into(new ArrayList<>());
    }

    public List<ModelEntity> presets() {
        return mongoCollection().find(eq("preset", true)).into(new ArrayList<>());
    }

    public int lastVersion(String family) {
        ModelEntity last = mongoCollection().find(eq("family", family)).sort(Sorts.descending("version")).first();
        return last == null ? 0 : last.version;
    }

    /** Trainings that were queued or running when an instance stopped. */
    public List<ModelEntity> unfinished() {
        return mongoCollection().find(Filters.in("status", "QUEUED", "TRAINING")).into(new ArrayList<>());
    }
}
