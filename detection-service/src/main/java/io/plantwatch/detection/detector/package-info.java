/**
 * PlantWatch detector library: plain Java 17 (no framework), shared by the live detection service, the offline
 * backtest ({@code io.plantwatch.detection.backtest}) and the JMH benchmarks.
 *
 * <h2>API for the service layer</h2>
 * <ul>
 * <li>{@link io.plantwatch.detection.detector.DetectorConfig} — per-device configuration (Jackson-friendly records,
 * every field optional with defaults): channels (unit, valid/alarm range, expected period, sensitivity), enabled
 * detectors, alarm-opening detectors, warm-up length, alarm debounce/hold, per-detector parameters.</li>
 * <li>{@link io.plantwatch.detection.detector.DeviceDetector} — one per device, single-threaded:
 * {@code List<Verdict> evaluate(Instant ts, Map<String, Double> values)} per sample;
 * {@code SampleResult lastResult()} for the score in [0, 1] and the debounced {@code alarmActive} /
 * {@code alarmOnset} flags of that sample; {@code List<Verdict> onTick(Instant now)} from a timer (missing data);
 * {@code DetectorSnapshot snapshot()} / {@code static DeviceDetector restore(DetectorConfig, DetectorSnapshot)};
 * {@code PcaModel windowModel()} and {@code MultivariateDetector deviceDetector(name)} for trained models.</li>
 * <li>{@link io.plantwatch.detection.detector.Verdict} — detector, {@code AnomalyType}, {@code Severity}, channel(s),
 * score, threshold, value, expected range, message, model id; {@code toEvent(deviceId, readingId)} builds the
 * contract {@code AnomalyEvent} with a deterministic id.</li>
 * <li>{@link io.plantwatch.detection.detector.multivariate.ReconstructionScorer#score} — pure function for
 * {@code POST /api/v1/infer}: window (N samples × channels) → per-sample reconstruction error, T², thresholds,
 * anomaly flags.</li>
 * <li>{@code io.plantwatch.detection.backtest.BacktestRunner#run} — the same engine over an in-memory CSV or a list
 * of samples, returning a {@code BacktestSummary} ({@code POST /detection/backtest}).</li>
 * </ul>
 *
 * <h2>Detectors</h2>
 * Per channel: {@code threshold} (OUT_OF_RANGE, static limits), {@code zscore} (robust rolling z with seasonal
 * reference and a likelihood stage; SPIKE/DRIFT), {@code ewma} (DRIFT), {@code rate} (SPIKE), {@code flatline}
 * (FLATLINE), {@code missing} (MISSING, timer-driven). Per device: {@code mewma} (multivariate EWMA Hotelling T² on
 * robustly standardised residuals against an adaptive reference), {@code pca} (PCA T² + Q reconstruction error with a
 * dynamic threshold), {@code ocsvm} (Tribuo one-class SVM, opt-in; protobuf model serialisation).
 *
 * <h2>Warm-up, adaptation, alarms</h2>
 * Each channel and the device-level model buffer their first {@code trainSamples} samples, fit on them (robust
 * statistics: median and MAD), and replay them to fill their windows; until then only {@code threshold} and
 * {@code missing} judge. References follow slow drift while the signal is normal and stop following the channels
 * implicated in an open alarm. Severity comes from statistic / threshold (below 1.5 WARNING, below 3 MINOR, below 6
 * MAJOR, else CRITICAL; static limits by the excess over the range width). An alarm opens after {@code debounce}
 * firing samples of an alarm-opening detector and closes after {@code hold} quiet samples; the onset is flagged on
 * one sample. By default the alarm-opening detectors are {@code threshold, flatline, missing} plus {@code mewma} on
 * multi-channel devices (one family-wise test instead of one test per channel) or {@code zscore} on single-channel
 * devices; the others still report verdicts.
 *
 * <h2>Determinism and cost</h2>
 * Same samples in, same verdicts out, also across snapshot/restore (tested). The hot path allocates only when a
 * detector fires (verdict objects) plus one small result record per sample; windows use sorted rings
 * ({@link io.plantwatch.detection.detector.util.SortedWindow}: O(log n) median and MAD).
 */
package io.plantwatch.detection.detector;
