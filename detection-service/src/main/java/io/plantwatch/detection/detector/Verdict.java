package io.plantwatch.detection.detector;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One detector's judgement that a sample (or the absence of samples) is abnormal.
 *
 * @param detector     detector name ({@code threshold}, {@code zscore}, {@code ewma}, {@code rate}, {@code flatline},
 *                     {@code missing}, {@code mewma}, {@code pca}, {@code ocsvm})
 * @param type         kind of anomaly
 * @param severity     derived from how far {@code score} lies beyond {@code threshold}
 * @param channel      the channel judged, or {@link AnomalyEvent#ALL_CHANNELS} for a device-level verdict
 * @param channels     all channels involved (for device-level verdicts: the main contributors first)
 * @param ts           device time of the sample judged (for {@code missing}: the tick time)
 * @param score        the detector's statistic
 * @param threshold    the value of the statistic above which the detector fires
 * @param value        the channel value, when there is one
 * @param expectedLow  low end of the expected range of {@code value}, when known
 * @param expectedHigh high end of the expected range of {@code value}, when known
 * @param message      a sentence for people
 * @param modelId      the model that produced the verdict (multivariate detectors), else null
 */
public record Verdict(
        String detector,
        AnomalyType type,
        Severity severity,
        String channel,
        List<String> channels,
        Instant ts,
        double score,
        double threshold,
        Double value,
        Double expectedLow,
        Double expectedHigh,
        String message,
        String modelId) {

    public Verdict {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        channels = channels == null ? (channel == null ? List.of() : List.of(channel)) : List.copyOf(channels);
    }

    /** The key under which alarms are tracked: detector and channel. */
    public String source() {
        return detector + ":" + channel;
    }

    /**
     * The contract event for this verdict. The id is deterministic ({@link EventIds#anomalyId}) so a replayed
     * reading yields the same event id.
     */
    public AnomalyEvent toEvent(String deviceId, String readingId) {
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, EventIds.anomalyId(readingId, source()), readingId,
                deviceId, channel, channels, ts, detector, modelId, type, severity, score, threshold, value,
                expectedLow, expectedHigh, message, null);
    }
}
