package io.plantwatch.ingest.reading.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The device time of a reading as a record header on plant.readings (8 bytes, epoch milliseconds, big-endian), so
 * that ingest's liveness consumer learns a device's last sample time without parsing the reading's JSON. Only ingest
 * writes and reads it; other consumers ignore it.
 */
public final class SampleTimeHeader {

    /** Header name on plant.readings records. */
    public static final String NAME = "pw-sample-ts";

    private SampleTimeHeader() {
    }

    public static RecordHeader of(Instant sampleTime) {
        return new RecordHeader(NAME, ByteBuffer.allocate(Long.BYTES).putLong(sampleTime.toEpochMilli()).array());
    }

    /** The device time in epoch milliseconds, or {@code fallback} when the record has no (valid) header. */
    public static long read(Headers headers, long fallback) {
        Header h = headers.lastHeader(NAME);
        if (h == null || h.value() == null || h.value().length != Long.BYTES) {
            return fallback;
        }
        return ByteBuffer.wrap(h.value()).getLong();
    }
}
