package io.plantwatch.auth.feed.service;

import io.plantwatch.auth.feed.repository.AlarmChangeEntity;
import io.plantwatch.auth.post.service.Post;

import java.time.Instant;

/**
 * One entry of a user's feed: a logbook post or an alarm change (exactly one of {@code post}, {@code alarm}).
 *
 * @param kind  "post" or "alarm"
 * @param at    when it was written or changed
 * @param post  the post, for kind "post"
 * @param alarm the alarm change, for kind "alarm"
 */
public record FeedItem(String kind, Instant at, Post post, AlarmChange alarm) {

    /** An alarm change as the feed shows it. */
    public record AlarmChange(String alarmId, long revision, String deviceId, String site, String channel, String type,
            String severity, String status, String change, String actor, String assignee, Double value,
            String message) {

        static AlarmChange of(AlarmChangeEntity e) {
            return new AlarmChange(e.alarmId, e.revision, e.deviceId, e.site, e.channel, e.type, e.severity, e.status,
                    e.change, e.actor, e.assignee, e.value, e.message);
        }
    }
}
