package io.plantwatch.detection.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Model registry settings ({@code plantwatch.models.*}). */
@ConfigMapping(prefix = "plantwatch.models")
public interface ModelsConfig {

    /** Share of the training rows (the most recent ones) held back to measure the false-alarm rate. */
    @WithDefault("0.2")
    double heldBackFraction();

    /** Fewest usable rows (all channels known) a training needs. */
    @WithDefault("100")
    int minTrainingRows();

    /** Most rows one training uses (bounds memory and time; history beyond it is refused with a 400). */
    @WithDefault("200000")
    int maxTrainingRows();

    /** Trainings that run at once; more wait QUEUED. */
    @WithDefault("1")
    int trainingThreads();

    /** Size of one stored chunk of model bytes (MongoDB documents are limited to 16 MB). */
    @WithDefault("4194304")
    int chunkBytes();

    /** How long a training job stays with its instance without a renewal; then another instance takes it over. */
    @WithDefault("30s")
    java.time.Duration trainingLease();

    /** How often an instance renews the leases of its jobs and looks for jobs left by dead instances. */
    @WithDefault("10s")
    java.time.Duration leaseCheckInterval();

    /** Starts of one training (the first plus resumes after interruptions) before it is marked FAILED. */
    @WithDefault("3")
    int maxTrainingAttempts();

    /** Create the preset models (pump, voltage monitor) on first start. */
    @WithDefault("true")
    boolean presets();
}
