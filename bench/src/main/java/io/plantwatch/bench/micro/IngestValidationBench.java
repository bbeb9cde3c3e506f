package io.plantwatch.bench.micro;

import io.plantwatch.ingest.push.service.BatchParser;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.plantwatch.ingest.reading.service.SampleValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Cost per sample of parsing and validating an HTTP batch of 500 samples (ingest's hot path). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestValidationBench {

    static final int SAMPLES = 500;

    private final Instant now = Instant.parse("2026-11-23T09:00:00Z");
    private final BatchParser parser = new BatchParser(new SampleValidator(Duration.ofMinutes(5), Duration.ofDays(7), 256),
            5000);
    private final byte[] body = body();

    private byte[] body() {
        StringBuilder json = new StringBuilder("{\"deviceId\":\"meter-1\",\"samples\":[");
        for (int i = 0; i < SAMPLES; i++) {
            json.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(now.minusSeconds(SAMPLES - i))
                    .append("\",\"values\":{\"voltage\":").append(229.5 + i % 7 * 0.1).append(",\"current\":1.2")
                    .append(i % 10).append("}}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public SampleBatch parseAndValidatePerSample() {
        return parser.parse(body, now);
    }
}
