package io.plantwatch.alert.alarm.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One recorded change of an alarm (who, when, what), id {@code alarmId:revision}. Anomalies folded into an open
 * alarm are not listed one by one: the alarm's count and first/last seen carry them.
 */
@MongoEntity(collection = "alarm_history")
public class AlarmHistoryEntity {
    @BsonId
    public String id;
    public String alarmId;
    public long revision;
    public String deviceId;
    public String site;
    public String channel;
    public String type;
    /** CREATED, SEVERITY_RAISED, ACKNOWLEDGED, CLEARED, ASSIGNED, COMMENTED, REMINDED, ESCALATED. */
    public String action;
    public String actor;
    public Instant at;
    public String severity;
    public String status;
    /** Comment text, clear reason, "MINOR → MAJOR", the assignee, ... */
    public String note;
}
