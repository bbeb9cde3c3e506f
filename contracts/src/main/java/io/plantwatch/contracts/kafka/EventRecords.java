package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.json.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/** Reading a polled batch of event records: tombstones skipped, an unreadable record logged and skipped. */
public final class EventRecords {

    private EventRecords() {
    }

    /** Hands every readable event of {@code records} to {@code sink}; {@code what} names them in the log. */
    public static <T> void forEach(ConsumerRecords<String, byte[]> records, Class<T> type, Consumer<T> sink,
            String what, Logger log) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // a tombstone of a compacted topic
            }
            try {
                sink.accept(EventJson.fromBytes(record.value(), type));
            } catch (RuntimeException e) {
                log.warnf("skipped %s record of %s: %s", what, record.key(), e.toString());
            }
        }
    }
}
