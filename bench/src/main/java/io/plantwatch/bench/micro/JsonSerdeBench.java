package io.plantwatch.bench.micro;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

/**
 * Cost of the wire form of a Reading: what every service pays per record. The {@code ...JavaTimeModule} pair is the
 * baseline in the same run: the same mapping with Jackson's stock Instant codec instead of {@link
 * io.plantwatch.contracts.json.IsoInstants}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonSerdeBench {

    private final Reading reading = Reading.of(EventIds.readingId("pump-1", Instant.parse("2026-11-23T08:00:00Z")),
            "pump-1", Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:00.010Z"), Source.MODBUS,
            Map.of("current", 12.4, "pressure", 2.1, "vibration", 0.31, "temperature", 61.2, "flow", 32.0), Quality.GOOD);
    private final byte[] bytes = EventJson.toBytes(reading);

    private final ObjectMapper stock = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

    @Benchmark
    public byte[] serialiseReadingJavaTimeModule() throws Exception {
        return stock.writeValueAsBytes(reading);
    }

    @Benchmark
    public Reading deserialiseReadingJavaTimeModule() throws Exception {
        return stock.readValue(bytes, Reading.class);
    }

    @Benchmark
    public byte[] serialiseReading() {
        return EventJson.toBytes(reading);
    }

    @Benchmark
    public Reading deserialiseReading() {
        return EventJson.fromBytes(bytes, Reading.class);
    }
}
