package io.plantwatch.report.reading.service;

import io.plantwatch.contracts.event.Reading;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.repository.LatestStore;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RawBucketStore.TouchedHour;
import io.plantwatch.report.reading.repository.RollupStore;
import io.plantwatch.report.reading.repository.RollupStore.SlotUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a batch of readings: raw samples into their hour buckets, then the touched minutes' rollups recomputed
 * from the stored samples, then the touched hours' rollups from the minute rollups, then the latest values. Every
 * step derives from what is stored, so replaying a batch (at-least-once delivery) changes nothing.
 */
@ApplicationScoped
public class ReadingWriter {

    private final RawBucketStore raw;
    private final RollupStore rollups;
    private final LatestStore latest;

    public ReadingWriter(RawBucketStore raw, RollupStore rollups, LatestStore latest) {
        this.raw = raw;
        this.rollups = rollups;
        this.latest = latest;
    }

    public void store(List<Reading> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Collection<TouchedHour> touched = raw.write(batch);
        Map<String, Map<Integer, Document>> stored = raw.readMinutes(touched);
        List<SlotUpdate> minuteUpdates = new ArrayList<>(touched.size());
        for (TouchedHour hour : touched) {
            Map<Integer, Document> minutes = stored.getOrDefault(hour.id(), Map.of());
            Map<Integer, Map<String, Aggregate>> slots = new HashMap<>();
            for (int minute : hour.minutes()) {
                Document samples = minutes.get(minute);
                if (samples != null) {
                    slots.put(minute, aggregateSamples(samples));
                }
            }
            minuteUpdates.add(new SlotUpdate(hour.id(), hour.deviceId(), hour.hourStartMs(), slots));
        }
        rollups.writeMinutes(minuteUpdates);

        Map<String, Map<Integer, Map<String, Aggregate>>> minuteDocs =
                rollups.readMinuteDocs(touched.stream().map(TouchedHour::id).toList());
        Map<String, SlotUpdate> hourUpdates = new LinkedHashMap<>();
        for (TouchedHour hour : touched) {
            Map<String, Aggregate> hourAggregate = mergeSlots(minuteDocs.getOrDefault(hour.id(), Map.of()));
            long day = BucketKeys.dayStart(hour.hourStartMs());
            String dayId = BucketKeys.dayId(hour.deviceId(), day);
            hourUpdates.computeIfAbsent(dayId, id -> new SlotUpdate(id, hour.deviceId(), day, new HashMap<>()))
                    .slots().put(BucketKeys.hourOfDay(hour.hourStartMs()), hourAggregate);
        }
        rollups.writeHours(hourUpdates.values());
        latest.write(batch);
    }

    /** Channel aggregates of one minute's stored samples ({msOfMinute → {channel → value}}). */
    static Map<String, Aggregate> aggregateSamples(Document samples) {
        Map<String, Aggregate> channels = new LinkedHashMap<>();
        for (Object sample : samples.values()) {
            ((Document) sample).forEach((field, value) -> {
                if (!BucketKeys.QUALITY_FIELD.equals(field)) {
                    channels.computeIfAbsent(BucketKeys.channel(field), c -> new Aggregate()).add(((Number) value).doubleValue());
                }
            });
        }
        return channels;
    }

    static Map<String, Aggregate> mergeSlots(Map<Integer, Map<String, Aggregate>> slots) {
        Map<String, Aggregate> merged = new LinkedHashMap<>();
        slots.values().forEach(channels -> channels.forEach((channel, aggregate) ->
                merged.computeIfAbsent(channel, c -> new Aggregate()).merge(aggregate)));
        return merged;
    }
}
