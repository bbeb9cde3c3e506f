package io.plantwatch.ingest.push.rest;

import io.plantwatch.ingest.reading.service.IntakeService.PushResult;

import java.util.List;

/**
 * What an accepted push returns (202).
 *
 * @param deviceId   the device
 * @param accepted   readings Kafka has confirmed
 * @param readingIds their ids
 * @param duplicates samples skipped because their sample id was accepted before (kept on the dead-letter topic)
 * @param badQuality accepted readings flagged BAD (a value outside its channel's valid range)
 */
public record Accepted(String deviceId, int accepted, List<String> readingIds, int duplicates, int badQuality) {

    static Accepted of(PushResult r) {
        return new Accepted(r.deviceId(), r.readingIds().size(), r.readingIds(), r.duplicates(), r.badQuality());
    }
}
