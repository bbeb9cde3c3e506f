package io.plantwatch.contracts.event;

import java.time.Instant;

/**
 * Which trained detection model a device uses, published on every select / deselect (compacted topic: the latest
 * event per device is the binding). Every detection instance applies it live to the device's detectors.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param deviceId      device; also the Kafka key
 * @param modelId       the selected model, or null when the device went back to its own learned detectors
 * @param modelVersion  version of that model (a retrain is a new version); 0 when deselected
 * @param algorithm     the model's detector ({@code mewma}, {@code pca}, {@code ocsvm}); null when deselected
 * @param selected      false on a deselect
 * @param changedBy     user who selected or deselected
 * @param revision      increases with each change of the device's binding (ignore older revisions)
 * @param at            when the change was made
 */
public record ModelSelection(int schemaVersion, String deviceId, String modelId, int modelVersion, String algorithm,
        boolean selected, String changedBy, long revision, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
