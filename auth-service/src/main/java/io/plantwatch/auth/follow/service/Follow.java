package io.plantwatch.auth.follow.service;

import io.plantwatch.auth.follow.repository.FollowEntity;

import java.time.Instant;

/** A follow as the API shows it. */
public record Follow(String id, String userId, String targetKind, String targetId, Instant since) {

    static Follow of(FollowEntity e) {
        return new Follow(e.id, e.userId, e.targetKind, e.targetId, e.createdAt);
    }
}
