package io.plantwatch.alert.notification.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.Map;

/** Delivery per severity, of a user ({@code user:<username>}) or a site default ({@code site:<site>}). */
@MongoEntity(collection = "notification_preferences")
public class PreferenceEntity {
    @BsonId
    public String id;
    /** Severity name → IMMEDIATE, DIGEST or NONE; severities not listed fall back to the next level. */
    public Map<String, String> severities;
    public String updatedBy;
    public Instant updatedAt;
}
