package io.plantwatch.auth.post.service;

import io.plantwatch.auth.post.repository.PostEntity;

import java.time.Instant;

/** A logbook entry as the API shows it. */
public record Post(String id, String authorId, String author, String text, String deviceId, String alarmId, String site,
        Instant createdAt, Instant editedAt) {

    public static Post of(PostEntity e) {
        return new Post(e.id, e.authorId, e.authorName, e.text, e.deviceId, e.alarmId, e.site, e.createdAt, e.editedAt);
    }
}
