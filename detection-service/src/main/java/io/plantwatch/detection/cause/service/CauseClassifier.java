package io.plantwatch.detection.cause.service;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Tribuo logistic-regression classifier of anomaly windows (features from {@link CauseFeatures}) into the causes
 * operators labelled. It says "unknown" below a confidence floor, never a guess. Round-trips as protobuf bytes.
 * <p>
 * A logistic regression extrapolates: a window unlike every labelled one can still get a probability near 1 for
 * whichever class its direction happens to favour. So it also carries an out-of-distribution {@link Guard}: in
 * feature space standardised on the training windows, a window farther from every labelled class (per feature, the
 * range from "no change" to the class centroid) than the bound learned from the training windows themselves (their
 * leave-one-out distance to their own class, times a margin) is "unknown" whatever the probability.
 */
public final class CauseClassifier {

    public static final String UNKNOWN = "unknown";

    /** Margin on the farthest training window's leave-one-out distance, when none is configured. */
    public static final double DEFAULT_MARGIN = 1.5;

    private final Model<Label> model;
    private final Guard guard;

    private CauseClassifier(Model<Label> model, Guard guard) {
        this.model = model;
        this.guard = guard;
    }

    /**
     * The out-of-distribution guard.
     *
     * @param features  feature names, in the order of the arrays
     * @param mean      per feature, over the training windows
     * @param scale     per feature, standard deviation over the training windows (floored)
     * @param centroids per cause, the mean standardised features of its windows
     * @param bound     a window's RMS distance (standardised) to the nearest class above this is "unknown" (at least
     *                  {@link #MIN_BOUND})
     */
    public record Guard(List<String> features, double[] mean, double[] scale, Map<String, double[]> centroids,
            double bound) {

        /**
         * RMS distance of a window's standardised features to the nearest class. A class spans, per feature, the range
         * from "no change" (raw feature 0: no shift, same spread, no peak) to its centroid: a fault still growing
         * toward a labelled cause (the first anomaly's window holds only its start: full peak, partial shift) counts
         * as that cause's kind, a fault in another direction does not.
         */
        public double distance(Map<String, Double> window) {
            double[] z = standardise(window);
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centroids.values()) {
                best = Math.min(best, toClass(z, c));
            }
            return best;
        }

        /** RMS over features of how far {@code z} lies outside the range from no change to {@code c}. */
        double toClass(double[] z, double[] c) {
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                double o = -mean[i] / scale[i]; // raw feature 0, standardised
                double lo = Math.min(o, c[i]);
                double hi = Math.max(o, c[i]);
                double out = z[i] < lo ? lo - z[i] : z[i] > hi ? z[i] - hi : 0;
                sum += out * out;
            }
            return Math.sqrt(sum / Math.max(1, z.length));
        }

        double[] standardise(Map<String, Double> window) {
            double[] z = new double[features.size()];
            for (int i = 0; i < z.length; i++) {
                Double v = window.get(features.get(i));
                z[i] = ((v == null || !Double.isFinite(v) ? mean[i] : v) - mean[i]) / scale[i];
            }
            return z;
        }

        static double rms(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += (a[i] - b[i]) * (a[i] - b[i]);
            }
            return Math.sqrt(sum / Math.max(1, a.length));
        }

        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Guard fromJson(String json) {
            try {
                return JSON.readValue(json, Guard.class);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("stored cause guard is unreadable", e);
            }
        }

        /** Learns the guard from the labelled windows. */
        static Guard learn(List<Labelled> windows, double margin) {
            List<String> names = new ArrayList<>(new TreeSet<>(windows.get(0).features().keySet()));
            int d = names.size();
            double[] mean = new double[d];
            double[] scale = new double[d];
            for (Labelled w : windows) {
                for (int i = 0; i < d; i++) {
                    mean[i] += w.features().getOrDefault(names.get(i), 0.0) / windows.size();
                }
            }
            for (Labelled w : windows) {
                for (int i = 0; i < d; i++) {
                    double dev = w.features().getOrDefault(names.get(i), 0.0) - mean[i];
                    scale[i] += dev * dev / Math.max(1, windows.size() - 1);
                }
            }
            for (int i = 0; i < d; i++) {
                scale[i] = Math.max(Math.sqrt(scale[i]), MIN_SCALE);
            }
            Guard raw = new Guard(names, mean, scale, Map.of(), 0);
            Map<String, List<double[]>> byCause = new TreeMap<>();
            for (Labelled w : windows) {
                byCause.computeIfAbsent(w.cause(), k -> new ArrayList<>()).add(raw.standardise(w.features()));
            }
            Map<String, double[]> sums = new TreeMap<>();
            Map<String, double[]> centroids = new TreeMap<>();
            byCause.forEach((cause, zs) -> {
                double[] sum = new double[d];
                zs.forEach(z -> {
                    for (int i = 0; i < d; i++) {
                        sum[i] += z[i];
                    }
                });
                sums.put(cause, sum);
                double[] c = new double[d];
                for (int i = 0; i < d; i++) {
                    c[i] = sum[i] / zs.size();
                }
                centroids.put(cause, c);
            });
            // leave-one-out: a window's distance to its class centroid computed without it (in-sample would flatter)
            double farthest = 0;
            for (var e : byCause.entrySet()) {
                int n = e.getValue().size();
                if (n < 2) {
                    continue;
                }
                for (double[] z : e.getValue()) {
                    double[] loo = new double[d];
                    for (int i = 0; i < d; i++) {
                        loo[i] = (sums.get(e.getKey())[i] - z[i]) / (n - 1);
                    }
                    farthest = Math.max(farthest, raw.toClass(z, loo));
                }
            }
            return new Guard(names, mean, scale, centroids, Math.max(MIN_BOUND, margin * farthest));
        }
    }

    /**
     * Floor of a feature's scale. The features are already in units of the device's own noise (baseline σ, log
     * spread ratio), so a feature (almost) constant over the labels must not turn a one-σ wobble into "far".
     */
    static final double MIN_SCALE = 1.0;
    /** Least bound: a window within one feature scale (RMS) of a labelled class is like it. */
    static final double MIN_BOUND = 1.0;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A labelled window. */
    public record Labelled(Map<String, Double> features, String cause) {
    }

    /**
     * A suggestion: the cause (or {@link #UNKNOWN}), the classifier's probability of its best cause, and that cause;
     * the window's distance to the nearest labelled class and the guard's bound (null without a guard).
     */
    public record Suggestion(String cause, double confidence, String bestGuess, Double distance, Double bound) {

        /** True when the window is unlike every labelled class (then the cause is unknown whatever the confidence). */
        public boolean outOfDistribution() {
            return distance != null && distance > bound;
        }
    }

    /**
     * @throws IllegalArgumentException with fewer than two causes (nothing to tell apart)
     */
    public static CauseClassifier train(List<Labelled> windows) {
        return train(windows, DEFAULT_MARGIN);
    }

    /**
     * @param margin the guard's bound is this times the farthest training window's leave-one-out distance
     * @throws IllegalArgumentException with fewer than two causes (nothing to tell apart)
     */
    public static CauseClassifier train(List<Labelled> windows, double margin) {
        Set<String> causes = new HashSet<>();
        windows.forEach(w -> causes.add(w.cause()));
        if (causes.size() < 2) {
            throw new IllegalArgumentException("labels of at least two different causes are needed, got " + causes);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("plantwatch cause labels",
                factory), factory);
        for (Labelled w : windows) {
            ds.add(example(new Label(w.cause()), w.features()));
        }
        // default: AdaGrad, 5 epochs; more epochs, as labelled windows are few
        LogisticRegressionTrainer trainer = new LogisticRegressionTrainer();
        Model<Label> m = trainer.train(ds);
        return new CauseClassifier(m, Guard.learn(windows, margin));
    }

    public Suggestion suggest(Map<String, Double> features, double floor) {
        Prediction<Label> p = model.predict(example(LabelFactory.UNKNOWN_LABEL, features));
        Label best = p.getOutput();
        double confidence = best.getScore();
        Double distance = guard == null ? null : guard.distance(features);
        Double bound = guard == null ? null : guard.bound();
        boolean far = distance != null && distance > bound;
        return new Suggestion(confidence >= floor && !far ? best.getLabel() : UNKNOWN, confidence, best.getLabel(),
                distance, bound);
    }

    /** The out-of-distribution guard, or null (a classifier stored before guards existed). */
    public Guard guard() {
        return guard;
    }

    public byte[] bytes() {
        return model.serialize().toByteArray();
    }

    /** A classifier from its Tribuo bytes alone (no guard). */
    public static CauseClassifier fromBytes(byte[] bytes) {
        return fromStored(bytes, null);
    }

    /** A classifier from its Tribuo bytes and its guard as stored ({@link Guard#toJson()}, or null). */
    @SuppressWarnings("unchecked")
    public static CauseClassifier fromStored(byte[] bytes, String guardJson) {
        try {
            return new CauseClassifier((Model<Label>) Model.deserialize(ModelProto.parseFrom(bytes)),
                    guardJson == null ? null : Guard.fromJson(guardJson));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a Tribuo model", e);
        }
    }

    private static Example<Label> example(Label label, Map<String, Double> features) {
        String[] names = features.keySet().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = features.get(names[i]);
        }
        return new ArrayExample<>(label, names, values);
    }
}
