package io.plantwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one bench run does. Every phase is bounded by a record count and a duration.
 *
 * @param rawRecords          records for the raw Kafka baseline
 * @param devices             simulated devices pushing over HTTP
 * @param batchSize           samples per HTTP batch
 * @param workers             concurrent HTTP connections of the load generator
 * @param warmupSamplesPerDevice normal samples per device sent before measuring (detectors learn on them)
 * @param offeredLoads        fixed offered loads in readings/s, each held for {@code phaseDuration}
 * @param phaseDuration       how long each fixed load is held
 * @param maxLoadDuration     how long the unthrottled (maximum) load runs
 * @param faultEvery          one reading in this many carries an injected fault
 * @param drainTimeout        how long to wait for the pipeline to catch up after a phase
 * @param runJmh              run the JMH microbenchmarks
 * @param jmhQuick            JMH with minimal iterations (smoke)
 * @param outputDir           where the JSON result goes
 * @param mqttMessages        messages (one sample each) of the MQTT phase, QoS 1
 */
public record BenchOptions(int rawRecords, int devices, int batchSize, int workers, int warmupSamplesPerDevice,
        List<Integer> offeredLoads, Duration phaseDuration, Duration maxLoadDuration, int faultEvery,
        Duration drainTimeout, boolean runJmh, boolean jmhQuick, Path outputDir, int mqttMessages) {

    /** The full run of ./plantwatch bench: about 6-8 minutes on 2 cores. */
    public static BenchOptions full(Path outputDir) {
        return new BenchOptions(500_000, 50, 500, 16, 450, List.of(1_000, 10_000), Duration.ofSeconds(20),
                Duration.ofSeconds(30), 1000, Duration.ofSeconds(60), true, false, outputDir, 60_000);
    }

    /** A tiny run that proves the command works (CI). */
    public static BenchOptions tiny(Path outputDir) {
        return new BenchOptions(5_000, 4, 50, 2, 450, List.of(200), Duration.ofSeconds(3), Duration.ofSeconds(3), 100,
                Duration.ofSeconds(20), false, true, outputDir, 400);
    }
}
