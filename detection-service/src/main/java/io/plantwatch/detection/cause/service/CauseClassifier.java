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

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Tribuo logistic-regression classifier of anomaly windows (features from {@link CauseFeatures}) into the causes
 * operators labelled. It says "unknown" below a confidence floor, never a guess. Round-trips as protobuf bytes.
 */
public final class CauseClassifier {

    public static final String UNKNOWN = "unknown";

    private final Model<Label> model;

    private CauseClassifier(Model<Label> model) {
        this.model = model;
    }

    /** A labelled window. */
    public record Labelled(Map<String, Double> features, String cause) {
    }

    /** A suggestion: the cause (or {@link #UNKNOWN}), the classifier's probability of its best cause, and that cause. */
    public record Suggestion(String cause, double confidence, String bestGuess) {
    }

    /**
     * @throws IllegalArgumentException with fewer than two causes (nothing to tell apart)
     */
    public static CauseClassifier train(List<Labelled> windows) {
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
        return new CauseClassifier(m);
    }

    public Suggestion suggest(Map<String, Double> features, double floor) {
        Prediction<Label> p = model.predict(example(LabelFactory.UNKNOWN_LABEL, features));
        Label best = p.getOutput();
        double confidence = best.getScore();
        return new Suggestion(confidence >= floor ? best.getLabel() : UNKNOWN, confidence, best.getLabel());
    }

    public byte[] bytes() {
        return model.serialize().toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static CauseClassifier fromBytes(byte[] bytes) {
        try {
            return new CauseClassifier((Model<Label>) Model.deserialize(ModelProto.parseFrom(bytes)));
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
