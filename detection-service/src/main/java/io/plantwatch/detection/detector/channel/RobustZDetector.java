package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.detector.util.DoubleRing;
import io.plantwatch.detection.detector.util.SortedWindow;
import io.plantwatch.detection.detector.util.Stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Rolling robust z-score with a likelihood stage ({@code zscore}; SPIKE or DRIFT).
 * <ol>
 * <li>z = |x − median| / max(1.4826·MAD, floor) over the previous {@code window} samples; for a periodic channel
 * (dominant autocorrelation period found in the warm-up) also against the median/MAD of the same phase one period
 * earlier (± {@code seasonalHalfWidth} samples), keeping the smaller of the two: a value is unusual only when it is
 * unusual both for the recent level and for its time of day.</li>
 * <li>a = min(z, zCap); the statistic is how unusual the recent average of a (last {@code shortWindow} samples) is
 * against its own long history (the {@code longWindow} values before): t = (mean_short − mean_long) / sd_long.</li>
 * <li>fires when t &gt; threshold / sensitivity.</li>
 * </ol>
 * The floor of the scale is {@code scaleFloor} × (p95 − p5) of the warm-up, so quantised or constant signals do
 * not divide by zero.
 */
public final class RobustZDetector extends ChannelDetector {

    private final int window;
    private final int shortWindow;
    private final int longWindow;
    private final double threshold;
    private final double zCap;
    private final boolean seasonalEnabled;
    private final double minAcf;
    private final int halfWidth;
    private final double floorFactor;
    private final double spikeZ;

    // learned
    private double floor = 1e-9;
    private int period;

    // state
    private final SortedWindow local;
    private SortedWindow phase;      // neighbourhood one period back (only when period > 0)
    private DoubleRing history;      // past values to feed the phase window
    private final DoubleRing aRing;  // capped z values, newest first
    private double shortSum;
    private double longSum;
    private double longSq;
    private int longCount;
    private long index;              // samples seen (including the warm-up replay)

    // last update
    private double stat;
    private double lastMedian = Double.NaN;
    private double lastScale = Double.NaN;
    private double lastZ;
    private boolean lastSeasonal;

    public RobustZDetector(ChannelContext ctx, DetectorConfig.ZScoreParams p) {
        super(ctx);
        window = p.window();
        shortWindow = p.shortWindow();
        longWindow = p.longWindow();
        threshold = p.threshold();
        zCap = p.zCap();
        seasonalEnabled = p.seasonal();
        minAcf = p.minAutocorrelation();
        halfWidth = p.seasonalHalfWidth();
        floorFactor = p.scaleFloor();
        spikeZ = p.spikeZ();
        local = new SortedWindow(window);
        aRing = new DoubleRing(longWindow + shortWindow + 1);
    }

    @Override
    public String name() {
        return DetectorConfig.ZSCORE;
    }

    /** Dominant period in samples found in the warm-up (0 = not periodic). */
    public int period() {
        return period;
    }

    @Override
    public void train(double[] v, long[] ts, int n) {
        double range = Stats.quantile(v, n, 0.95) - Stats.quantile(v, n, 0.05);
        floor = Math.max(floorFactor * range, 1e-9);
        int p = seasonalEnabled ? Stats.dominantPeriod(v, n, minAcf, 4) : 0;
        setPeriod(p > 2 * halfWidth + 1 ? p : 0);
        for (int i = 0; i < n; i++) {
            update(ts[i], v[i]);
        }
    }

    private void setPeriod(int p) {
        period = p;
        if (p > 0) {
            phase = new SortedWindow(2 * halfWidth + 1);
            history = new DoubleRing(p + halfWidth + 1);
        } else {
            phase = null;
            history = null;
        }
    }

    @Override
    public boolean update(long tsMillis, double x) {
        double z = 0;
        lastSeasonal = false;
        if (local.full()) {
            double m = local.median();
            double s = Math.max(1.4826 * local.mad(m), floor);
            z = Math.abs(x - m) / s;
            lastMedian = m;
            lastScale = s;
            lastZ = (x - m) / s;
        }
        if (phase != null) {
            // the phase window must hold x[t-P-h .. t-P+h]: feed it x[t-P+h] (lag P-h-1 of the history before x)
            int lag = period - halfWidth - 1;
            if (history.size() > lag) {
                phase.add(history.get(lag));
            }
            if (phase.full() && local.full()) {
                double m = phase.median();
                double s = Math.max(1.4826 * phase.mad(m), floor);
                double zs = Math.abs(x - m) / s;
                if (zs < z) {
                    z = zs;
                    lastSeasonal = true;
                }
            }
            history.add(x);
        }
        local.add(x);
        double a = Math.min(z, zCap);
        push(a);
        index++;
        if (index <= 2L * window) {
            stat = 0;
            return false;
        }
        int shortN = (int) Math.min(shortWindow, index);
        double mean = shortSum / shortN;
        double mu = longCount > 0 ? longSum / longCount : 0;
        double var = longCount > 1 ? longSq / longCount - mu * mu : 1;
        double sd = Math.sqrt(Math.max(var, 1e-6));
        stat = (mean - mu) / sd;
        return stat > effThreshold();
    }

    private void push(double a) {
        aRing.add(a);
        shortSum += a;
        int n = aRing.size();
        if (n > shortWindow) {
            double moved = aRing.get(shortWindow);
            shortSum -= moved;
            longSum += moved;
            longSq += moved * moved;
            longCount++;
            if (longCount > longWindow) {
                double old = aRing.get(shortWindow + longWindow);
                longSum -= old;
                longSq -= old * old;
                longCount--;
            }
        }
        if ((index & 4095) == 4095) {
            recomputeSums();
        }
    }

    /** Re-adds the running sums from the ring so rounding errors cannot accumulate over long runs. */
    private void recomputeSums() {
        int n = aRing.size();
        double ss = 0;
        for (int i = 0; i < Math.min(shortWindow, n); i++) {
            ss += aRing.get(i);
        }
        double ls = 0;
        double lq = 0;
        int c = 0;
        for (int i = shortWindow; i < Math.min(shortWindow + longWindow, n); i++) {
            double v = aRing.get(i);
            ls += v;
            lq += v * v;
            c++;
        }
        shortSum = ss;
        longSum = ls;
        longSq = lq;
        longCount = c;
    }

    private double effThreshold() {
        return threshold / sens();
    }

    @Override
    public double score() {
        return stat;
    }

    @Override
    public double threshold() {
        return effThreshold();
    }

    @Override
    public Verdict verdict(Instant ts, double x) {
        double m = lastMedian;
        double s = lastScale;
        double z = lastZ;
        AnomalyType type = Math.abs(z) >= spikeZ ? AnomalyType.SPIKE : AnomalyType.DRIFT;
        String msg = String.format("%s %s is %s σ %s its %s median of %s%s; recent deviations are %s σ above usual",
                ctx.name(), Fmt.val(x, ctx.unit()), Fmt.one(Math.abs(z)), z >= 0 ? "above" : "below",
                Fmt.span(window, ctx.periodMillis()), Fmt.val(m, ctx.unit()),
                lastSeasonal ? " (and unusual for this time of the cycle)" : "", Fmt.one(stat));
        return new Verdict(name(), type, Severities.fromRatio(stat / effThreshold()), ctx.name(), null, ts, stat,
                effThreshold(), x, m - 3 * s, m + 3 * s, msg, null);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(floor);
        out.writeInt(period);
        local.write(out);
        if (period > 0) {
            phase.write(out);
            history.write(out);
        }
        aRing.write(out);
        out.writeDouble(shortSum);
        out.writeDouble(longSum);
        out.writeDouble(longSq);
        out.writeInt(longCount);
        out.writeLong(index);
        out.writeDouble(stat);
        out.writeDouble(lastMedian);
        out.writeDouble(lastScale);
        out.writeDouble(lastZ);
        out.writeBoolean(lastSeasonal);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        floor = in.readDouble();
        setPeriod(in.readInt());
        local.read(in);
        if (period > 0) {
            phase.read(in);
            history.read(in);
        }
        aRing.read(in);
        shortSum = in.readDouble();
        longSum = in.readDouble();
        longSq = in.readDouble();
        longCount = in.readInt();
        index = in.readLong();
        stat = in.readDouble();
        lastMedian = in.readDouble();
        lastScale = in.readDouble();
        lastZ = in.readDouble();
        lastSeasonal = in.readBoolean();
    }
}
