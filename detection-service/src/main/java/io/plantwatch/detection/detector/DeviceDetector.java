package io.plantwatch.detection.detector;

import io.plantwatch.detection.detector.channel.ChannelDetector;
import io.plantwatch.detection.detector.channel.EwmaDetector;
import io.plantwatch.detection.detector.channel.FlatlineDetector;
import io.plantwatch.detection.detector.channel.MissingDetector;
import io.plantwatch.detection.detector.channel.RateDetector;
import io.plantwatch.detection.detector.channel.RobustZDetector;
import io.plantwatch.detection.detector.channel.ThresholdDetector;
import io.plantwatch.detection.detector.multivariate.MewmaDetector;
import io.plantwatch.detection.detector.multivariate.MultivariateDetector;
import io.plantwatch.detection.detector.multivariate.OcsvmDetector;
import io.plantwatch.detection.detector.multivariate.PcaModel;
import io.plantwatch.detection.detector.multivariate.PcaT2QDetector;
import io.plantwatch.detection.detector.util.StateIO;
import io.plantwatch.detection.detector.util.Stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-device detection engine: every enabled detector on every channel plus the device-level (multivariate)
 * detectors, the warm-up, and the alarm rules (debounce, hold) that turn verdicts into alarm onsets.
 *
 * <p>Use: {@link #evaluate} for each device sample (in device-time order), {@link #onTick} from a timer for missing
 * data, {@link #lastResult()} for the score and the debounced alarm flags of the last sample,
 * {@link #snapshot()} / {@link #restore} to survive restarts. Not thread-safe: one device is driven by one thread
 * (Kafka key = device id). Deterministic: the same samples give the same verdicts, also across a snapshot/restore.
 */
public final class DeviceDetector {

    /** Version of the {@link DetectorSnapshot#state()} layout. */
    public static final int SNAPSHOT_FORMAT = 1;

    private static final List<String> CHANNEL_ORDER =
            List.of(DetectorConfig.ZSCORE, DetectorConfig.EWMA, DetectorConfig.RATE, DetectorConfig.FLATLINE);
    private static final List<String> DEVICE_ORDER =
            List.of(DetectorConfig.MEWMA, DetectorConfig.PCA, DetectorConfig.OCSVM);

    private final DetectorConfig config;
    private final int trainSamples;
    private final Map<String, ChannelState> byName = new HashMap<>();
    private final List<ChannelState> channels = new ArrayList<>();
    private MvState mv;
    private int mode = -1;            // -1 unknown, 0 single-channel device, 1 multi-channel device
    private Set<String> alarmSet = Set.of();
    private long samples;
    private boolean deviceAlarm;
    private SampleResult last;

    public DeviceDetector(DetectorConfig config) {
        this.config = config;
        this.trainSamples = config.trainSamples();
        for (DetectorConfig.ChannelConfig cc : config.channels()) {
            addChannel(cc.name());
        }
    }

    /**
     * A device-level model trained ahead of time (the model registry): its detector's state as written by
     * {@link MultivariateDetector#writeState}, over {@code channels} in that order.
     *
     * @param algorithm {@link DetectorConfig#MEWMA}, {@link DetectorConfig#PCA} or {@link DetectorConfig#OCSVM}
     * @param modelId   id its verdicts carry
     */
    public record PretrainedModel(String algorithm, List<String> channels, byte[] state, String modelId) {
        public PretrainedModel {
            channels = List.copyOf(channels);
            if (channels.size() < 2) {
                throw new IllegalArgumentException("a device-level model needs at least two channels");
            }
        }
    }

    /**
     * A detector whose device level is the given pretrained model: no device-level warm-up, only a short alignment of
     * the model's reference to the device's stream (see {@link MultivariateDetector#restartStream()}); the per-channel
     * detectors still learn their warm-up. {@code config} must enable exactly the model's
     * algorithm among the device-level detectors, with the parameters it was trained with.
     */
    public DeviceDetector(DetectorConfig config, PretrainedModel model) {
        this(config);
        for (String n : DEVICE_ORDER) {
            if (config.enabled(n) != n.equals(model.algorithm())) {
                throw new IllegalArgumentException("the configuration must enable exactly the model's algorithm "
                        + model.algorithm() + " among " + DEVICE_ORDER);
            }
        }
        for (String name : model.channels()) {
            if (!byName.containsKey(name)) {
                addChannel(name);
            }
        }
        setMode(1);
        mv = new MvState(model.channels(), null);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(model.state()))) {
            mv.detectors[0].readState(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt model state: " + e.getMessage(), e);
        }
        mv.detectors[0].useModelId(model.modelId());
        mv.detectors[0].restartStream();
        mv.trained = true;
        mv.buf = null;
        mv.bufT = null;
    }

    /**
     * A new, untrained device-level detector of the given name with the parameters of {@code config} (the live
     * engine and the model registry's trainer build them the same way).
     */
    public static MultivariateDetector deviceLevel(String name, DetectorConfig config, List<String> channels,
            List<String> units) {
        double sens = config.sensitivity();
        return switch (name) {
            case DetectorConfig.MEWMA -> new MewmaDetector(config.deviceId(), channels, units, sens, config.mewma(),
                    config.alarm().hold());
            case DetectorConfig.PCA -> new PcaT2QDetector(config.deviceId(), channels, units, sens, config.pca());
            case DetectorConfig.OCSVM -> new OcsvmDetector(config.deviceId(), channels, units, sens, config.ocsvm());
            default -> throw new IllegalArgumentException("not a device-level detector: " + name);
        };
    }

    /** Id of the device-level model in use (null before the device-level warm-up ends). */
    public String deviceModelId() {
        if (mv == null || !mv.trained || mv.detectors.length == 0) {
            return null;
        }
        return mv.detectors[0].modelId();
    }

    public DetectorConfig config() {
        return config;
    }

    /** Samples evaluated so far. */
    public long samples() {
        return samples;
    }

    /** Channel names in evaluation order. */
    public List<String> channels() {
        List<String> l = new ArrayList<>(channels.size());
        for (ChannelState c : channels) {
            l.add(c.name);
        }
        return l;
    }

    /** True once every known channel and the device-level model have finished their warm-up. */
    public boolean trained() {
        if (channels.isEmpty()) {
            return false;
        }
        for (ChannelState c : channels) {
            if (!c.trained) {
                return false;
            }
        }
        return mv == null || mv.trained;
    }

    /** Result of the last {@link #evaluate} (null before the first). */
    public SampleResult lastResult() {
        return last;
    }

    /** The detectors that open alarms on this device (decided at the first sample). */
    public Set<String> alarmDetectors() {
        return alarmSet;
    }

    /**
     * Evaluates one device sample.
     *
     * @param ts     device time (samples must come in time order)
     * @param values channel → value; channels may be missing or NaN (they are then skipped)
     * @return verdicts of the detectors that fired (empty list if none); see {@link #lastResult()} for the alarm
     *         flags
     */
    public List<Verdict> evaluate(Instant ts, Map<String, Double> values) {
        long t = ts.toEpochMilli();
        if (mode < 0) {
            int n = Math.max(config.channels().size(), values.size());
            setMode(n >= 2 ? 1 : 0);
        }
        discover(values);
        samples++;
        List<Verdict> out = null;
        double score = 0;
        boolean anyActive = false;
        for (int i = 0; i < channels.size(); i++) {
            ChannelState cs = channels.get(i);
            Double boxed = values.get(cs.name);
            if (boxed == null || boxed.isNaN()) {
                anyActive |= cs.anyActive();
                continue;
            }
            double v = boxed;
            cs.lastValue = v;
            if (cs.missing != null) {
                cs.missing.onSample(t);
            }
            if (cs.threshold != null) {
                boolean f = cs.threshold.update(t, v);
                if (f) {
                    out = add(out, cs.threshold.verdict(ts, v));
                }
                if (cs.thresholdTracker != null) {
                    cs.thresholdTracker.update(f);
                    if (f) {
                        score = Math.max(score, 1.0);
                    }
                }
            }
            if (!cs.trained) {
                cs.buffer(t, v);
                if (cs.bufN == trainSamples) {
                    cs.train();
                }
            } else {
                for (int k = 0; k < cs.detectors.length; k++) {
                    ChannelDetector d = cs.detectors[k];
                    boolean f = d.update(t, v);
                    if (f) {
                        out = add(out, d.verdict(ts, v));
                    }
                    AlarmTracker tr = cs.trackers[k];
                    if (tr != null) {
                        tr.update(f);
                        score = Math.max(score, Severities.score01(d.score() / d.threshold()));
                    }
                }
            }
            anyActive |= cs.anyActive();
        }
        if (mv == null && mode == 1 && multivariateEnabled()) {
            mv = new MvState(channels(), null);
        }
        if (mv != null) {
            mv.fillRow();
            if (!mv.trained) {
                if (mv.rowComplete()) {
                    mv.buffer(t);
                    if (mv.bufN == trainSamples) {
                        mv.train();
                    }
                }
            } else {
                for (int k = 0; k < mv.detectors.length; k++) {
                    MultivariateDetector d = mv.detectors[k];
                    boolean f = d.update(t, mv.row);
                    if (f) {
                        out = add(out, d.verdict(ts, mv.row));
                    }
                    AlarmTracker tr = mv.trackers[k];
                    if (tr != null) {
                        tr.update(f);
                        score = Math.max(score, Severities.score01(d.score() / d.threshold()));
                    }
                }
            }
            anyActive |= mv.anyActive();
        }
        boolean onset = anyActive && !deviceAlarm;
        deviceAlarm = anyActive;
        List<Verdict> verdicts = out == null ? List.of() : Collections.unmodifiableList(out);
        last = new SampleResult(ts, verdicts, score, anyActive, onset, trained());
        return verdicts;
    }

    /**
     * Timer-driven checks (missing data), called by the service e.g. every few seconds; never waits for a sample.
     *
     * @return verdicts for channels whose data is overdue (each gap is reported once, and again when its severity
     *         rises)
     */
    public List<Verdict> onTick(Instant now) {
        List<Verdict> out = null;
        for (ChannelState cs : channels) {
            if (cs.missing != null) {
                Verdict v = cs.missing.onTick(now);
                if (v != null) {
                    out = add(out, v);
                }
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** The PCA model of raw rows for window scoring (null until the device-level warm-up is done). */
    public PcaModel windowModel() {
        if (mv == null || !mv.trained) {
            return null;
        }
        for (MultivariateDetector d : mv.detectors) {
            if (d instanceof PcaT2QDetector p) {
                return p.windowModel();
            }
        }
        return null;
    }

    /** The device-level detector of the given name, if trained (e.g. to export the Tribuo model). */
    public MultivariateDetector deviceDetector(String name) {
        if (mv == null || !mv.trained) {
            return null;
        }
        for (MultivariateDetector d : mv.detectors) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static List<Verdict> add(List<Verdict> out, Verdict v) {
        List<Verdict> l = out == null ? new ArrayList<>(2) : out;
        l.add(v);
        return l;
    }

    private boolean multivariateEnabled() {
        for (String n : DEVICE_ORDER) {
            if (config.enabled(n)) {
                return true;
            }
        }
        return false;
    }

    private void setMode(int m) {
        mode = m;
        alarmSet = config.effectiveAlarmDetectors(m == 1 ? 2 : 1);
        for (ChannelState cs : channels) {
            cs.makeTrackers();
        }
    }

    private void discover(Map<String, Double> values) {
        if (values.size() <= channels.size() && byName.keySet().containsAll(values.keySet())) {
            return;
        }
        List<String> fresh = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!byName.containsKey(k)) {
                fresh.add(k);
            }
        }
        Collections.sort(fresh); // deterministic order whatever the map type
        for (String k : fresh) {
            addChannel(k);
        }
    }

    private ChannelState addChannel(String name) {
        ChannelState cs = new ChannelState(name);
        channels.add(cs);
        byName.put(name, cs);
        if (mode >= 0) {
            cs.makeTrackers();
        }
        return cs;
    }

    private AlarmTracker tracker(String detector) {
        return alarmSet.contains(detector)
                ? new AlarmTracker(config.alarm().debounce(), config.alarm().hold()) : null;
    }

    // ------------------------------------------------------------------ per channel

    private final class ChannelState {
        final String name;
        final DetectorConfig.ChannelConfig cc;
        final ChannelContext ctx;
        final ThresholdDetector threshold;
        AlarmTracker thresholdTracker;
        final ChannelDetector[] detectors;
        AlarmTracker[] trackers;
        final MissingDetector missing;
        boolean trained;
        double[] bufV;
        long[] bufT;
        int bufN;
        double lastValue = Double.NaN;

        ChannelState(String name) {
            this.name = name;
            DetectorConfig.ChannelConfig c = config.channel(name);
            cc = c;
            ctx = new ChannelContext(name, c == null ? "" : c.unit(),
                    config.sensitivity() * (c == null ? 1.0 : c.sensitivity()));
            ThresholdDetector th = config.enabled(DetectorConfig.THRESHOLD) ? new ThresholdDetector(ctx, c) : null;
            threshold = th != null && th.configured() ? th : null;
            List<ChannelDetector> ds = new ArrayList<>();
            for (String n : CHANNEL_ORDER) {
                if (!config.enabled(n)) {
                    continue;
                }
                switch (n) {
                    case DetectorConfig.ZSCORE -> ds.add(new RobustZDetector(ctx, config.zscore()));
                    case DetectorConfig.EWMA -> ds.add(new EwmaDetector(ctx, config.ewma(), config.mewma(),
                            config.alarm().hold()));
                    case DetectorConfig.RATE -> ds.add(new RateDetector(ctx, config.rate()));
                    case DetectorConfig.FLATLINE -> ds.add(new FlatlineDetector(ctx, config.flatline()));
                    default -> throw new IllegalStateException(n);
                }
            }
            detectors = ds.toArray(new ChannelDetector[0]);
            trackers = new AlarmTracker[detectors.length];
            missing = config.enabled(DetectorConfig.MISSING)
                    ? new MissingDetector(ctx, config.missing(), c == null ? null : c.expectedPeriodSeconds())
                    : null;
            bufV = new double[trainSamples];
            bufT = new long[trainSamples];
        }

        void makeTrackers() {
            thresholdTracker = threshold == null ? null : tracker(DetectorConfig.THRESHOLD);
            for (int k = 0; k < detectors.length; k++) {
                trackers[k] = tracker(detectors[k].name());
            }
        }

        boolean anyActive() {
            if (thresholdTracker != null && thresholdTracker.active()) {
                return true;
            }
            for (AlarmTracker t : trackers) {
                if (t != null && t.active()) {
                    return true;
                }
            }
            return false;
        }

        void buffer(long t, double v) {
            bufV[bufN] = v;
            bufT[bufN] = t;
            bufN++;
        }

        void train() {
            long[] dt = new long[bufN - 1];
            int k = 0;
            for (int i = 1; i < bufN; i++) {
                long d = bufT[i] - bufT[i - 1];
                if (d > 0) {
                    dt[k++] = d;
                }
            }
            if (k > 0) {
                double[] dd = new double[k];
                for (int i = 0; i < k; i++) {
                    dd[i] = dt[i];
                }
                ctx.periodMillis(Stats.median(dd, k));
            }
            for (ChannelDetector d : detectors) {
                d.train(bufV, bufT, bufN);
            }
            trained = true;
            bufV = null;
            bufT = null;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeUTF(name);
            out.writeBoolean(trained);
            out.writeDouble(ctx.periodMillis());
            out.writeDouble(lastValue);
            if (!trained) {
                out.writeInt(bufN);
                StateIO.writeDoubles(out, Arrays.copyOf(bufV, bufN));
                StateIO.writeLongs(out, Arrays.copyOf(bufT, bufN));
            }
            writeTracker(out, thresholdTracker);
            for (int k = 0; k < detectors.length; k++) {
                if (trained) {
                    detectors[k].writeState(out);
                }
                writeTracker(out, trackers[k]);
            }
            if (missing != null) {
                missing.writeState(out);
            }
        }

        void read(DataInputStream in) throws IOException {
            trained = in.readBoolean();
            ctx.periodMillis(in.readDouble());
            lastValue = in.readDouble();
            if (!trained) {
                bufN = in.readInt();
                double[] v = StateIO.readDoubles(in);
                long[] t = StateIO.readLongs(in);
                System.arraycopy(v, 0, bufV, 0, bufN);
                System.arraycopy(t, 0, bufT, 0, bufN);
            } else {
                bufV = null;
                bufT = null;
            }
            readTracker(in, thresholdTracker);
            for (int k = 0; k < detectors.length; k++) {
                if (trained) {
                    detectors[k].readState(in);
                }
                readTracker(in, trackers[k]);
            }
            if (missing != null) {
                missing.readState(in);
            }
        }
    }

    // ------------------------------------------------------------------ device level

    private final class MvState {
        final List<String> names;
        final ChannelState[] cols;
        final double[] row;
        MultivariateDetector[] detectors;
        AlarmTracker[] trackers;
        boolean trained;
        double[][] buf;
        long[] bufT;
        int bufN;

        MvState(List<String> names, Object unused) {
            this.names = List.copyOf(names);
            cols = new ChannelState[names.size()];
            List<String> units = new ArrayList<>();
            for (int c = 0; c < cols.length; c++) {
                cols[c] = byName.get(names.get(c));
                units.add(cols[c].ctx.unit());
            }
            row = new double[cols.length];
            List<MultivariateDetector> ds = new ArrayList<>();
            for (String n : DEVICE_ORDER) {
                if (config.enabled(n)) {
                    ds.add(deviceLevel(n, config, names, units));
                }
            }
            detectors = ds.toArray(new MultivariateDetector[0]);
            trackers = new AlarmTracker[detectors.length];
            for (int k = 0; k < detectors.length; k++) {
                trackers[k] = tracker(detectors[k].name());
            }
            buf = new double[trainSamples][];
            bufT = new long[trainSamples];
        }

        void fillRow() {
            for (int c = 0; c < cols.length; c++) {
                row[c] = cols[c].lastValue;
            }
        }

        boolean rowComplete() {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return false;
                }
            }
            return true;
        }

        void buffer(long t) {
            buf[bufN] = row.clone();
            bufT[bufN] = t;
            bufN++;
        }

        void train() {
            for (MultivariateDetector d : detectors) {
                d.train(buf, bufT, bufN);
            }
            trained = true;
            buf = null;
            bufT = null;
        }

        boolean anyActive() {
            for (AlarmTracker t : trackers) {
                if (t != null && t.active()) {
                    return true;
                }
            }
            return false;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(names.size());
            for (String n : names) {
                out.writeUTF(n);
            }
            out.writeBoolean(trained);
            if (!trained) {
                out.writeInt(bufN);
                for (int i = 0; i < bufN; i++) {
                    StateIO.writeDoubles(out, buf[i]);
                }
                StateIO.writeLongs(out, Arrays.copyOf(bufT, bufN));
            }
            for (int k = 0; k < detectors.length; k++) {
                if (trained) {
                    detectors[k].writeState(out);
                }
                writeTracker(out, trackers[k]);
            }
        }

        void read(DataInputStream in) throws IOException {
            trained = in.readBoolean();
            if (!trained) {
                bufN = in.readInt();
                for (int i = 0; i < bufN; i++) {
                    buf[i] = StateIO.readDoubles(in);
                }
                long[] t = StateIO.readLongs(in);
                System.arraycopy(t, 0, bufT, 0, bufN);
            } else {
                buf = null;
                bufT = null;
            }
            for (int k = 0; k < detectors.length; k++) {
                if (trained) {
                    detectors[k].readState(in);
                }
                readTracker(in, trackers[k]);
            }
        }
    }

    private static void writeTracker(DataOutputStream out, AlarmTracker t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            t.write(out);
        }
    }

    private static void readTracker(DataInputStream in, AlarmTracker t) throws IOException {
        boolean present = in.readBoolean();
        if (present) {
            // a detector that no longer opens alarms (the configuration changed since the snapshot): its alarm state
            // is read and dropped; one that became an alarm source (t present, nothing stored) starts closed
            (t != null ? t : new AlarmTracker(1, 0)).read(in);
        }
    }

    // ------------------------------------------------------------------ snapshot

    /** The complete state, to be stored and later passed to {@link #restore}. */
    public DetectorSnapshot snapshot() {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bo);
            out.writeInt(SNAPSHOT_FORMAT);
            out.writeInt(mode);
            out.writeLong(samples);
            out.writeBoolean(deviceAlarm);
            out.writeInt(channels.size());
            for (ChannelState cs : channels) {
                cs.write(out);
            }
            out.writeBoolean(mv != null);
            if (mv != null) {
                mv.write(out);
            }
            out.flush();
            return new DetectorSnapshot(SNAPSHOT_FORMAT, config.deviceId(), samples, bo.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rebuilds a detector from a snapshot taken with the same configuration; it continues exactly where the
     * snapshotted one stopped. The configuration may differ from the snapshot's in what the state does not hold —
     * channel settings (units, valid/alarm ranges, expected periods, sensitivities), new channels, the global
     * sensitivity, the alarm rules and which detectors open alarms — but not in the enabled detectors, the warm-up
     * length or the per-detector parameters (the service checks that before it restores).
     */
    public static DeviceDetector restore(DetectorConfig config, DetectorSnapshot snapshot) {
        DeviceDetector d = new DeviceDetector(config);
        d.load(snapshot);
        return d;
    }

    private void load(DetectorSnapshot snapshot) {
        if (snapshot.formatVersion() != SNAPSHOT_FORMAT) {
            throw new IllegalArgumentException("unsupported snapshot format " + snapshot.formatVersion());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot.state()))) {
            if (in.readInt() != SNAPSHOT_FORMAT) {
                throw new IOException("bad snapshot header");
            }
            int m = in.readInt();
            if (m >= 0) {
                setMode(m);
            }
            samples = in.readLong();
            deviceAlarm = in.readBoolean();
            int n = in.readInt();
            List<String> order = new ArrayList<>();
            List<ChannelState> restored = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                ChannelState cs = byName.get(name);
                if (cs == null) {
                    cs = addChannel(name);
                }
                cs.read(in);
                order.add(name);
                restored.add(cs);
            }
            if (!order.equals(channels())) {
                // snapshot order first; channels configured since the snapshot keep their place after them
                List<ChannelState> configuredSince = new ArrayList<>();
                for (ChannelState cs : channels) {
                    if (!restored.contains(cs)) {
                        configuredSince.add(cs);
                    }
                }
                channels.clear();
                channels.addAll(restored);
                channels.addAll(configuredSince);
            }
            if (in.readBoolean()) {
                int k = in.readInt();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    names.add(in.readUTF());
                }
                mv = new MvState(names, null);
                mv.read(in);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt snapshot: " + e.getMessage(), e);
        }
    }
}
