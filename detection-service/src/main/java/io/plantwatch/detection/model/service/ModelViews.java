package io.plantwatch.detection.model.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.model.repository.ModelEntity;

import java.time.Instant;
import java.util.List;

/** The API shapes of the model registry (Mongo entities stay inside the repository layer). */
public final class ModelViews {

    private ModelViews() {
    }

    /** A model as the API shows it. */
    public record ModelView(String id, String family, int version, String name, String description, String deviceId,
            List<String> channels, String algorithm, JsonNode hyperparameters, JsonNode parameters, String owner,
            String visibility, boolean preset, String status, int progress, String failureReason, Metrics metrics,
            Provenance provenance, List<String> selectedOn, Instant createdAt, Instant trainedAt, Job job) {
    }

    /**
     * The training job.
     *
     * @param attempts     starts of the training (more than 1: it was resumed after its instance stopped)
     * @param interruption why it was last re-queued, e.g. "interrupted, retrying (attempt 2)"; null if never
     * @param leaseOwner   the instance that runs (or ran) it
     * @param leaseUntil   while QUEUED/TRAINING: when another instance may take it over unless renewed
     */
    public record Job(Integer attempts, String interruption, String leaseOwner, Instant leaseUntil) {
    }

    /**
     * Training metrics.
     *
     * @param samples         usable rows (every channel known)
     * @param trainSamples    rows the model was fitted on (the older part)
     * @param heldBackSamples rows held back (the newer part) to measure the false-alarm rate
     * @param threshold       the threshold the detector chose on its statistic
     * @param falseAlarmRate  share of held-back rows the model fired on (the data are assumed normal)
     * @param trainMillis     training time
     */
    public record Metrics(Integer samples, Integer trainSamples, Integer heldBackSamples, Double threshold,
            Double falseAlarmRate, Long trainMillis) {
    }

    /** Where a model came from. */
    public record Provenance(String trainer, String dataSource, Instant from, Instant to, String fileName,
            String libraryVersions, String tribuoProvenance, Long stateBytes, Integer stateChunks) {
    }

    public static ModelView of(ModelEntity m, List<String> selectedOn) {
        return new ModelView(m.id, m.family, m.version, m.name, m.description, m.deviceId, m.channels, m.algorithm,
                json(m.hyperparameters), json(m.effectiveParameters), m.owner, m.visibility, m.preset, m.status,
                m.progress, m.failureReason, new Metrics(m.samples, m.trainSamples, m.heldBackSamples, m.threshold,
                        m.falseAlarmRate, m.trainMillis),
                new Provenance(m.trainer, m.dataSource, m.dataFrom, m.dataTo, m.fileName, m.libraryVersions,
                        m.tribuoProvenance, m.stateBytes, m.stateChunks), selectedOn, m.createdAt, m.trainedAt,
                new Job(m.attempts, m.interruption, m.leaseOwner, m.leaseUntil));
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ConfigMerger.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
