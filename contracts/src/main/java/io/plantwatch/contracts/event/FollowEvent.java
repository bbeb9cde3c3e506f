package io.plantwatch.contracts.event;

import java.time.Instant;

/**
 * A user follows (or stops following) a device, a site or another user. Compacted topic keyed by {@code id};
 * alert-service routes notifications to followers from its projection of these events.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param id            stable id of the follow: userId + target kind + target id
 * @param userId        the follower
 * @param targetKind    what is followed
 * @param targetId      deviceId, site name or userId
 * @param active        false when the follow was removed
 * @param at            when it changed
 */
public record FollowEvent(int schemaVersion, String id, String userId, TargetKind targetKind, String targetId,
        boolean active, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    /** What can be followed. */
    public enum TargetKind {
        DEVICE, SITE, USER
    }

    public static String idOf(String userId, TargetKind kind, String targetId) {
        return userId + "|" + kind + "|" + targetId;
    }
}
