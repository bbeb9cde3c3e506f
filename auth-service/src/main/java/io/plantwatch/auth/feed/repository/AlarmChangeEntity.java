package io.plantwatch.auth.feed.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** One alarm change from plant.alarms, kept for the feed (id = the event's id, so replays are stored once). */
@MongoEntity(collection = "feed_alarm_changes")
public class AlarmChangeEntity {
    @BsonId
    public String id;
    public String alarmId;
    public long revision;
    public String deviceId;
    public String site;
    public String channel;
    public String type;
    public String severity;
    public String status;
    public String change;
    public String actor;
    public String assignee;
    public Double value;
    public String message;
    public Instant at;
}
