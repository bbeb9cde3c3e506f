package io.plantwatch.contracts.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A detector's verdict that a reading (or its absence) is abnormal.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param id            stable: {@link EventIds#anomalyId(String, String)} of readingId and detector
 * @param readingId     the reading judged; for timer-driven detectors (missing data) a synthetic id
 * @param deviceId      device; also the Kafka key
 * @param channel       the main channel, or "*" for a whole-device (multivariate) verdict
 * @param channels      every channel involved (one for per-channel detectors)
 * @param ts            device time of the reading judged
 * @param detector      detector name: threshold, zscore, ewma, rate, flatline, missing, ocsvm, pca, ...
 * @param modelId       model that produced the verdict, when one did
 * @param type          kind of anomaly
 * @param severity      derived from how far the score lies past the threshold
 * @param score         the detector's statistic
 * @param threshold     the value of the statistic above which it fires
 * @param value         the channel value, when there is one
 * @param expectedLow   low end of the expected range, when known
 * @param expectedHigh  high end of the expected range, when known
 * @param message       a sentence for people, e.g. "pressure 3.1 bar is 5.2 σ above its 1-hour mean of 2.2 bar"
 * @param probableCause suggested cause with confidence, when a cause model is trained (may be null)
 */
public record AnomalyEvent(
        int schemaVersion,
        String id,
        String readingId,
        String deviceId,
        String channel,
        List<String> channels,
        Instant ts,
        String detector,
        String modelId,
        AnomalyType type,
        Severity severity,
        double score,
        double threshold,
        Double value,
        Double expectedLow,
        Double expectedHigh,
        String message,
        ProbableCause probableCause) {

    public static final int SCHEMA_VERSION = 1;

    /** The channel name used when a verdict concerns the whole device. */
    public static final String ALL_CHANNELS = "*";

    public AnomalyEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        channels = channels == null ? (channel == null ? List.of() : List.of(channel)) : List.copyOf(channels);
    }

    /** Suggested cause of an anomaly, from the cause classifier. */
    public record ProbableCause(String cause, double confidence, String maintenanceHint) {
    }
}
