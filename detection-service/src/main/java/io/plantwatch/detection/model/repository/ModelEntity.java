package io.plantwatch.detection.model.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/**
 * A registered detection model (collection {@code models}). The trained bytes are stored apart, in
 * {@code model_chunks} (see {@link ModelStore}), so listing models never loads them.
 */
@MongoEntity(collection = "models")
public class ModelEntity {
    @BsonId
    public String id;
    /** Models that are versions of one another share the family (the id of version 1). */
    public String family;
    public int version;
    public String name;
    public String description;
    public String deviceId;
    public List<String> channels;
    public String algorithm;
    /** The algorithm's parameters as JSON text (as given, before defaults). */
    public String hyperparameters;
    /** The full parameters of the trained detector (defaults filled in), as JSON text. */
    public String effectiveParameters;
    public String owner;
    /** PRIVATE or SITE. */
    public String visibility;
    public boolean preset;
    /** QUEUED, TRAINING, READY, FAILED. */
    public String status;
    public int progress;
    public String failureReason;
    public Instant createdAt;

    // the training job: which instance runs it (lease), how often it was started, its stored input
    /** Instance that runs (or queued) the training; only it writes progress. */
    public String leaseOwner;
    /** The owner renews this while it holds the job; a QUEUED/TRAINING model past it was left by a dead instance. */
    public Instant leaseUntil;
    /** Times the training was started (1, then +1 on each resume after an interruption). */
    public Integer attempts;
    /** Chunks of the stored training rows (so another instance can resume the job); null until stored. */
    public Integer inputChunks;
    /** Why the job was last re-queued, e.g. "interrupted, retrying (attempt 2)". */
    public String interruption;
    public Instant trainedAt;

    // metrics
    public Integer samples;
    public Integer trainSamples;
    public Integer heldBackSamples;
    public Double threshold;
    public Double falseAlarmRate;
    public Long trainMillis;

    // provenance
    public String trainer;
    public String dataSource;
    public Instant dataFrom;
    public Instant dataTo;
    public String fileName;
    public String libraryVersions;
    /** Tribuo's own provenance of the trained model (ocsvm), as text. */
    public String tribuoProvenance;
    /** Length in bytes of the stored model state; chunk count. */
    public Long stateBytes;
    public Integer stateChunks;
}
