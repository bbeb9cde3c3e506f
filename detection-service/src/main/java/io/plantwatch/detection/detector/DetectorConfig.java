package io.plantwatch.detection.detector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of one device's {@link DeviceDetector}. Every field may be left null (or omitted in JSON): the
 * compact constructors fill in the defaults, which were chosen on the SKAB and NAB benchmarks (see
 * {@code package-info}). All windows are counted in samples.
 *
 * @param deviceId       device id (used in messages and snapshots)
 * @param channels       per-channel settings; their order is the channel order of multivariate models. Channels not
 *                       listed are added as they first appear (before the warm-up ends)
 * @param detectors      enabled detectors; default {@link #DEFAULT_DETECTORS}
 * @param alarmDetectors detectors whose verdicts open alarms (and drive {@link SampleResult#alarmOnset()}); default:
 *                       {@code threshold, flatline, missing} plus {@code mewma} for devices with two or more
 *                       channels, or {@code zscore} for single-channel devices
 * @param trainSamples   warm-up: samples used to fit the statistical detectors before they judge (default 400)
 * @param sensitivity    global sensitivity multiplier (1 = default; 2 = statistical thresholds halved)
 * @param alarm          alarm debounce / hold
 */
public record DetectorConfig(
        String deviceId,
        List<ChannelConfig> channels,
        Set<String> detectors,
        Set<String> alarmDetectors,
        Integer trainSamples,
        Double sensitivity,
        AlarmParams alarm,
        ZScoreParams zscore,
        EwmaParams ewma,
        RateParams rate,
        FlatlineParams flatline,
        MissingParams missing,
        MewmaParams mewma,
        PcaParams pca,
        OcsvmParams ocsvm) {

    public static final String THRESHOLD = "threshold";
    public static final String ZSCORE = "zscore";
    public static final String EWMA = "ewma";
    public static final String RATE = "rate";
    public static final String FLATLINE = "flatline";
    public static final String MISSING = "missing";
    public static final String MEWMA = "mewma";
    public static final String PCA = "pca";
    public static final String OCSVM = "ocsvm";

    /** All detector names, in evaluation order. */
    public static final List<String> ALL_DETECTORS =
            List.of(THRESHOLD, ZSCORE, EWMA, RATE, FLATLINE, MISSING, MEWMA, PCA, OCSVM);

    /** Detectors enabled when none are configured (the Tribuo one-class SVM is opt-in). */
    public static final Set<String> DEFAULT_DETECTORS =
            Set.of(THRESHOLD, ZSCORE, EWMA, RATE, FLATLINE, MISSING, MEWMA, PCA);

    public DetectorConfig {
        deviceId = deviceId == null ? "device" : deviceId;
        channels = channels == null ? List.of() : List.copyOf(channels);
        detectors = detectors == null ? DEFAULT_DETECTORS : Set.copyOf(detectors);
        for (String d : detectors) {
            if (!ALL_DETECTORS.contains(d)) {
                throw new IllegalArgumentException("unknown detector '" + d + "'; known: " + ALL_DETECTORS);
            }
        }
        alarmDetectors = alarmDetectors == null ? null : Set.copyOf(alarmDetectors);
        trainSamples = trainSamples == null ? 400 : trainSamples;
        if (trainSamples < 10) {
            throw new IllegalArgumentException("trainSamples must be >= 10");
        }
        sensitivity = sensitivity == null ? 1.0 : sensitivity;
        if (!(sensitivity > 0)) {
            throw new IllegalArgumentException("sensitivity must be > 0");
        }
        alarm = alarm == null ? new AlarmParams(null, null) : alarm;
        zscore = zscore == null ? ZScoreParams.defaults() : zscore;
        ewma = ewma == null ? EwmaParams.defaults() : ewma;
        rate = rate == null ? RateParams.defaults() : rate;
        flatline = flatline == null ? FlatlineParams.defaults() : flatline;
        missing = missing == null ? MissingParams.defaults() : missing;
        mewma = mewma == null ? MewmaParams.defaults() : mewma;
        pca = pca == null ? PcaParams.defaults() : pca;
        ocsvm = ocsvm == null ? OcsvmParams.defaults() : ocsvm;
    }

    /** A configuration with every default, for the given device. */
    public static DetectorConfig defaults(String deviceId) {
        return builder(deviceId).build();
    }

    public static Builder builder(String deviceId) {
        return new Builder(deviceId);
    }

    public boolean enabled(String detector) {
        return detectors.contains(detector);
    }

    /** The alarm-opening detectors for a device with {@code channelCount} channels. */
    public Set<String> effectiveAlarmDetectors(int channelCount) {
        if (alarmDetectors != null) {
            return alarmDetectors;
        }
        Set<String> s = new LinkedHashSet<>(List.of(THRESHOLD, FLATLINE, MISSING));
        s.add(channelCount >= 2 ? MEWMA : ZSCORE);
        return s;
    }

    public ChannelConfig channel(String name) {
        for (ChannelConfig c : channels) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Per-channel settings.
     *
     * @param name                  channel name as in {@code Reading.values}
     * @param unit                  unit for messages (optional)
     * @param validLow              physically valid range; a value outside it is a sensor fault (CRITICAL)
     * @param validHigh             see validLow
     * @param alarmLow              operating (alarm) range; outside it the value is OUT_OF_RANGE
     * @param alarmHigh             see alarmLow
     * @param expectedPeriodSeconds expected sampling period; default: learned (median interval of the warm-up)
     * @param sensitivity           per-channel sensitivity multiplier (default 1)
     */
    public record ChannelConfig(String name, String unit, Double validLow, Double validHigh, Double alarmLow,
            Double alarmHigh, Double expectedPeriodSeconds, Double sensitivity) {
        public ChannelConfig {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("channel name required");
            }
            unit = unit == null ? "" : unit;
            sensitivity = sensitivity == null ? 1.0 : sensitivity;
        }

        public static ChannelConfig of(String name) {
            return new ChannelConfig(name, null, null, null, null, null, null, null);
        }
    }

    /**
     * Alarm rules applied to the alarm-opening detectors.
     *
     * @param debounce consecutive firing samples needed to open an alarm (default 1)
     * @param hold     samples an alarm stays open after the detector stops firing (off-delay, default 40); a new
     *                 onset is only reported after the previous alarm has closed
     */
    public record AlarmParams(Integer debounce, Integer hold) {
        public AlarmParams {
            debounce = debounce == null ? 1 : Math.max(1, debounce);
            hold = hold == null ? 40 : Math.max(0, hold);
        }
    }

    /**
     * Rolling robust z-score with a likelihood stage ({@code zscore}): the robust z of each sample against the median
     * and MAD of the previous {@code window} samples (and, for periodic signals, against the same phase one period
     * earlier); the detector fires when the mean of the last {@code shortWindow} capped |z| lies more than
     * {@code threshold} standard deviations above the mean of the {@code longWindow} values before.
     */
    public record ZScoreParams(Integer window, Integer shortWindow, Integer longWindow, Double threshold, Double zCap,
            Boolean seasonal, Double minAutocorrelation, Integer seasonalHalfWidth, Double scaleFloor,
            Double spikeZ) {
        public ZScoreParams {
            window = window == null ? 100 : window;
            shortWindow = shortWindow == null ? 3 : shortWindow;
            longWindow = longWindow == null ? 1000 : longWindow;
            threshold = threshold == null ? 3.5 : threshold;
            zCap = zCap == null ? 50.0 : zCap;
            seasonal = seasonal == null ? Boolean.TRUE : seasonal;
            minAutocorrelation = minAutocorrelation == null ? 0.6 : minAutocorrelation;
            seasonalHalfWidth = seasonalHalfWidth == null ? 5 : seasonalHalfWidth;
            scaleFloor = scaleFloor == null ? 0.01 : scaleFloor;
            spikeZ = spikeZ == null ? 6.0 : spikeZ;
        }

        public static ZScoreParams defaults() {
            return new ZScoreParams(null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * Per-channel EWMA mean shift ({@code ewma}): the univariate case of {@link MewmaParams} (same parameters).
     */
    public record EwmaParams(Double lambda, Double thresholdFactor) {
        public EwmaParams {
            lambda = lambda == null ? 0.1 : lambda;
            thresholdFactor = thresholdFactor == null ? 4.0 : thresholdFactor;
        }

        public static EwmaParams defaults() {
            return new EwmaParams(null, null);
        }
    }

    /**
     * Rate of change ({@code rate}): |Δvalue/Δt| against the robust scale (MAD) of the warm-up's rates.
     *
     * @param threshold robust standard deviations of the rate (default 8)
     * @param learnedFactor the threshold is at least this multiple of the largest rate seen in the warm-up
     */
    public record RateParams(Double threshold, Double learnedFactor) {
        public RateParams {
            threshold = threshold == null ? 8.0 : threshold;
            learnedFactor = learnedFactor == null ? 1.5 : learnedFactor;
        }

        public static RateParams defaults() {
            return new RateParams(null, null);
        }
    }

    /**
     * Flatline / stuck sensor ({@code flatline}): the value stays within {@code tolerance} for longer than
     * max({@code minSamples}, {@code factor} × the longest such run seen in the warm-up).
     */
    public record FlatlineParams(Double tolerance, Double factor, Integer minSamples) {
        public FlatlineParams {
            tolerance = tolerance == null ? 0.0 : tolerance;
            factor = factor == null ? 3.0 : factor;
            minSamples = minSamples == null ? 30 : minSamples;
        }

        public static FlatlineParams defaults() {
            return new FlatlineParams(null, null, null);
        }
    }

    /**
     * Missing data ({@code missing}, timer-driven): no sample of a channel for more than {@code factor} × its
     * expected period.
     */
    public record MissingParams(Double factor, Double defaultPeriodSeconds) {
        public MissingParams {
            factor = factor == null ? 3.0 : factor;
        }

        public static MissingParams defaults() {
            return new MissingParams(null, null);
        }
    }

    /**
     * Multivariate EWMA Hotelling T² ({@code mewma}).
     *
     * @param lambda          EWMA smoothing of the standardised residuals
     * @param adapt           per-sample adaptation rate of the reference while no alarm is open (slow drift)
     * @param adaptTrain      adaptation rate used while fitting the covariance on the warm-up
     * @param adaptFast       adaptation rate of persistent (slowly wandering, e.g. thermal) channels, always on
     * @param persistence     a channel is persistent when var(x) / (var(Δx)/2) exceeds this in the warm-up
     * @param ridge           covariance shrinkage: diagonal × (1 + ridge)
     * @param quantile        quantile of the warm-up statistic ...
     * @param thresholdFactor ... times this factor is the threshold
     * @param relearnSamples  an alarm open this long accepts the current state as the new normal
     * @param clip            standardised values are clipped to ± clip
     * @param freezeZ         while an alarm is open, a channel's reference stops adapting when its smoothed
     *                        residual exceeds this many σ
     */
    public record MewmaParams(Double lambda, Double adapt, Double adaptTrain, Double adaptFast, Double persistence,
            Double ridge, Double quantile, Double thresholdFactor, Integer relearnSamples, Double clip,
            Double freezeZ) {
        public MewmaParams {
            lambda = lambda == null ? 0.1 : lambda;
            adapt = adapt == null ? 0.005 : adapt;
            adaptTrain = adaptTrain == null ? adapt : adaptTrain;
            adaptFast = adaptFast == null ? 0.3 : adaptFast;
            persistence = persistence == null ? 3.0 : persistence;
            ridge = ridge == null ? 0.1 : ridge;
            quantile = quantile == null ? 0.99 : quantile;
            thresholdFactor = thresholdFactor == null ? 4.0 : thresholdFactor;
            relearnSamples = relearnSamples == null ? 900 : relearnSamples;
            clip = clip == null ? 20.0 : clip;
            freezeZ = freezeZ == null ? 2.0 : freezeZ;
        }

        public static MewmaParams defaults() {
            return new MewmaParams(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * PCA T² + Q (squared reconstruction error) ({@code pca}).
     *
     * @param variance        share of variance the retained components explain
     * @param lambda          EWMA smoothing of the standardised inputs (1 = none)
     * @param quantile        quantile of the warm-up statistics ...
     * @param thresholdFactor ... times this factor are the thresholds (T² and Q separately)
     * @param dynamicWindow   samples of recent normal Q values that define the dynamic threshold
     */
    public record PcaParams(Double variance, Double lambda, Double quantile, Double thresholdFactor,
            Integer dynamicWindow) {
        public PcaParams {
            variance = variance == null ? 0.9 : variance;
            lambda = lambda == null ? 0.1 : lambda;
            quantile = quantile == null ? 0.99 : quantile;
            thresholdFactor = thresholdFactor == null ? 6.0 : thresholdFactor;
            dynamicWindow = dynamicWindow == null ? 300 : dynamicWindow;
        }

        public static PcaParams defaults() {
            return new PcaParams(null, null, null, null, null);
        }
    }

    /**
     * Tribuo one-class SVM (RBF) on EWMA-smoothed standardised residuals ({@code ocsvm}).
     *
     * @param nu              libsvm ν
     * @param gamma           RBF γ (default 1 / channels)
     * @param lambda          EWMA smoothing of the inputs
     * @param quantile        quantile of the warm-up anomaly scores ...
     * @param thresholdFactor ... scaled by this factor is the threshold
     */
    public record OcsvmParams(Double nu, Double gamma, Double lambda, Double quantile, Double thresholdFactor) {
        public OcsvmParams {
            nu = nu == null ? 0.05 : nu;
            lambda = lambda == null ? 0.1 : lambda;
            quantile = quantile == null ? 0.99 : quantile;
            thresholdFactor = thresholdFactor == null ? 3.0 : thresholdFactor;
        }

        public static OcsvmParams defaults() {
            return new OcsvmParams(null, null, null, null, null);
        }
    }

    /** Fluent construction for code and tests. */
    public static final class Builder {
        private final String deviceId;
        private final List<ChannelConfig> channels = new ArrayList<>();
        private Set<String> detectors;
        private Set<String> alarmDetectors;
        private Integer trainSamples;
        private Double sensitivity;
        private AlarmParams alarm;
        private ZScoreParams zscore;
        private EwmaParams ewma;
        private RateParams rate;
        private FlatlineParams flatline;
        private MissingParams missing;
        private MewmaParams mewma;
        private PcaParams pca;
        private OcsvmParams ocsvm;

        private Builder(String deviceId) {
            this.deviceId = deviceId;
        }

        public Builder channel(ChannelConfig c) {
            channels.add(c);
            return this;
        }

        public Builder channels(String... names) {
            for (String n : names) {
                channels.add(ChannelConfig.of(n));
            }
            return this;
        }

        public Builder detectors(String... names) {
            detectors = Set.of(names);
            return this;
        }

        public Builder alarmDetectors(String... names) {
            alarmDetectors = Set.of(names);
            return this;
        }

        public Builder trainSamples(int n) {
            trainSamples = n;
            return this;
        }

        public Builder sensitivity(double s) {
            sensitivity = s;
            return this;
        }

        public Builder alarm(int debounce, int hold) {
            alarm = new AlarmParams(debounce, hold);
            return this;
        }

        public Builder zscore(ZScoreParams p) {
            zscore = p;
            return this;
        }

        public Builder ewma(EwmaParams p) {
            ewma = p;
            return this;
        }

        public Builder rate(RateParams p) {
            rate = p;
            return this;
        }

        public Builder flatline(FlatlineParams p) {
            flatline = p;
            return this;
        }

        public Builder missing(MissingParams p) {
            missing = p;
            return this;
        }

        public Builder mewma(MewmaParams p) {
            mewma = p;
            return this;
        }

        public Builder pca(PcaParams p) {
            pca = p;
            return this;
        }

        public Builder ocsvm(OcsvmParams p) {
            ocsvm = p;
            return this;
        }

        public DetectorConfig build() {
            return new DetectorConfig(deviceId, channels, detectors, alarmDetectors, trainSamples, sensitivity, alarm,
                    zscore, ewma, rate, flatline, missing, mewma, pca, ocsvm);
        }
    }
}
