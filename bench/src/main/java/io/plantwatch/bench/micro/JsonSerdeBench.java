package io.plantwatch.bench.micro;

import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Cost of the wire form of a Reading: what every service pays per record. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonSerdeBench {

    private final Reading reading = Reading.of(EventIds.readingId("pump-1", Instant.parse("2026-11-23T08:00:00Z")),
            "pump-1", Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:00.010Z"), Source.MODBUS,
            Map.of("current", 12.4, "pressure", 2.1, "vibration", 0.31, "temperature", 61.2, "flow", 32.0), Quality.GOOD);
    private final byte[] bytes = EventJson.toBytes(reading);

    @Benchmark
    public byte[] serialiseReading() {
        return EventJson.toBytes(reading);
    }

    @Benchmark
    public Reading deserialiseReading() {
        return EventJson.fromBytes(bytes, Reading.class);
    }
}
