package io.plantwatch.bench.report;

import java.util.Locale;

/** The table ./plantwatch bench prints. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(BenchResult r) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nPlantWatch bench — %s, %s cores, Java %s, stack up in %.1f s%n", r.startedAt(),
                r.machine().get("cores"), r.machine().get("java"), r.stackUpSeconds()));
        t.append(String.format(Locale.ROOT, "%nTransport limit (raw Kafka, %d records of %d B, keyed by device):%n",
                r.rawKafka().records(), r.rawKafka().recordBytes()));
        t.append(String.format(Locale.ROOT, "  produce+consume at once  %10.0f records/s%n", r.rawKafka().recordsPerSecond()));
        t.append(String.format(Locale.ROOT, "  produce alone            %10.0f records/s%n", r.rawKafka().produceOnlyPerSecond()));
        t.append(String.format(Locale.ROOT, "%nEnd to end (HTTP batches → ingest → Kafka → detection → anomalies → alarms + history):%n"));
        t.append(String.format(Locale.ROOT, "  %-8s %10s %12s %12s %9s %9s %9s %9s %9s %10s %7s%n", "phase", "accepted",
                "accepted/s", "processed/s", "max lag", "p50 ms", "p95 ms", "p99 ms", "max ms", "faults", "errors"));
        for (BenchResult.LoadPhase p : r.loads()) {
            t.append(String.format(Locale.ROOT, "  %-8s %10d %12.0f %12.0f %9d %9.1f %9.1f %9.1f %9.1f %10s %7d%n",
                    p.name(), p.accepted(), p.acceptedPerSecond(), p.processedPerSecond(), p.maxLag(),
                    p.latencyMs().getOrDefault("p50", Double.NaN), p.latencyMs().getOrDefault("p95", Double.NaN),
                    p.latencyMs().getOrDefault("p99", Double.NaN), p.latencyMs().getOrDefault("max", Double.NaN),
                    p.faultsDetected() + "/" + p.faultsInjected(), p.httpErrors()));
        }
        if (r.mqtt() != null) {
            t.append(String.format(Locale.ROOT, "%nMQTT (QoS 1, one sample per message → ingest → plant.readings):%n"
                    + "  published %d, PUBACKed %d, on Kafka %d in %.1f s = %.0f readings/s%n", r.mqtt().published(),
                    r.mqtt().acked(), r.mqtt().onKafka(), r.mqtt().seconds(), r.mqtt().readingsPerSecond()));
        }
        t.append(String.format(Locale.ROOT, "%n  ratio end-to-end / raw Kafka = %.3f%n", r.ratio()));
        t.append(String.format(Locale.ROOT, "%nResources during the load phases:%n  %-18s %8s %10s %10s%n", "process", "pid",
                "max RSS MB", "CPU %"));
        for (BenchResult.Resource res : r.resources()) {
            t.append(String.format(Locale.ROOT, "  %-18s %8d %10.0f %10.0f%n", res.process(), res.pid(), res.maxRssMb(),
                    res.meanCpuPercent()));
        }
        if (!r.micro().isEmpty()) {
            t.append(String.format(Locale.ROOT, "%nMicrobenchmarks (JMH):%n"));
            for (BenchResult.Micro m : r.micro()) {
                t.append(String.format(Locale.ROOT, "  %-60s %12.2f ± %-8.2f %s%n", m.benchmark(), m.score(),
                        Double.isNaN(m.error()) ? 0 : m.error(), m.unit()));
            }
        }
        return t.toString();
    }
}
