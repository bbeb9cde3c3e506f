package io.plantwatch.bench.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured; written as JSON under bench/results/.
 *
 * @param startedAt     when the run started
 * @param machine       cores, JVM, OS
 * @param rawKafka      the transport limit: produce+consume at once of real serialised readings
 * @param loads         end-to-end phases: fixed offered loads, then the maximum
 * @param ratio         end-to-end maximum sustained readings/s divided by raw Kafka records/s
 * @param resources     RSS and CPU per process while the load ran
 * @param micro         JMH results (benchmark → score, unit)
 * @param stackUpSeconds time from start to every service ready
 * @param mqtt          the MQTT path: QoS 1 messages → ingest → plant.readings
 */
public record BenchResult(Instant startedAt, Map<String, Object> machine, RawKafka rawKafka, List<LoadPhase> loads,
        double ratio, List<Resource> resources, List<Micro> micro, double stackUpSeconds,
        MqttPhase mqtt) {

    /** Raw Kafka produce+consume of {@code records} in {@code seconds}. */
    public record RawKafka(int records, int recordBytes, double seconds, double recordsPerSecond,
            double produceOnlyPerSecond) {
    }

    /**
     * One end-to-end phase.
     *
     * @param name             "1000/s", "10000/s", "max"
     * @param offeredPerSecond target rate, 0 for unthrottled
     * @param accepted         readings ingest accepted (HTTP 202)
     * @param seconds          how long sending took
     * @param acceptedPerSecond accepted readings per second
     * @param processedPerSecond readings per second until detection and history had caught up with all of them
     * @param maxLag           largest consumer lag seen (detection + report groups, records)
     * @param finalLag         lag after the drain
     * @param faultsInjected   readings carrying an injected fault
     * @param faultsDetected   of those, how many produced an anomaly event
     * @param latencyMs        reading accepted → its anomaly consumed: p50, p95, p99, max
     * @param httpErrors       non-202 answers
     * @param maxLagByGroup    largest lag seen per consumer group (which consumer falls behind)
     */
    public record LoadPhase(String name, int offeredPerSecond, long accepted, double seconds, double acceptedPerSecond,
            double processedPerSecond, long maxLag, long finalLag, long faultsInjected, long faultsDetected,
            Map<String, Double> latencyMs, long httpErrors, Map<String, Long> maxLagByGroup,
            Map<String, Double> cpuPercentByProcess) {
    }

    /** MQTT messages published (one sample each), PUBACKed, and arrived as readings on plant.readings. */
    public record MqttPhase(long published, long acked, long onKafka, double seconds, double readingsPerSecond) {
    }

    /** Peak RSS and mean CPU (% of one core) of a process during the load phases. */
    public record Resource(String process, long pid, double maxRssMb, double meanCpuPercent) {
    }

    /** One JMH benchmark. */
    public record Micro(String benchmark, double score, double error, String unit) {
    }
}
