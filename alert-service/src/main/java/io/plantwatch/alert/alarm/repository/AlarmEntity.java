package io.plantwatch.alert.alarm.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/**
 * An alarm as stored. Its id is deterministic: {@code deviceId|channel|type#generation}, where the generation of
 * the slot (device + channel + type) rises each time an alarm of that slot is cleared, so there is at most one
 * active alarm per slot without transactions. Every change increments {@code revision}, records what changed
 * ({@code lastChange}, {@code lastActor}, {@code lastChangeAt}) and sets {@code dirty} until its plant.alarms event
 * is confirmed, all in one atomic update.
 */
@MongoEntity(collection = "alarms")
public class AlarmEntity {
    @BsonId
    public String id;
    public String slot;
    public long generation;
    public String deviceId;
    public String deviceName;
    public String site;
    public String line;
    public String channel;
    public String unit;
    public String type;
    /** Ordinal of the current Severity (raised by worse anomalies and by persistence, never lowered). */
    public int severityRank;
    /** Ordinal of the highest severity an anomaly of this alarm reported. */
    public int peakSeverityRank;
    /** When the severity last changed (persistence is measured from here). */
    public Instant severitySince;
    public boolean active;
    public boolean acknowledged;
    public long count;
    public long revision;
    /** Device time of the first and latest anomaly. */
    public Instant firstSeen;
    public Instant lastSeen;
    /** Service time of the latest anomaly: the hysteresis (quiet time) is measured from here. */
    public Instant lastAnomalyAt;
    public Double lastValue;
    public Double peakValue;
    /** How far the peak value lies outside the expected range (the peak is the value furthest out). */
    public Double peakDistance;
    public Double expectedLow;
    public Double expectedHigh;
    public String message;
    /** The latest anomaly ids folded into this alarm (bounded): a replayed anomaly is recognised and not counted again. */
    public List<String> recentAnomalyIds;
    /** The anomaly whose fold created this alarm (its replay re-announces the creation, idempotently). */
    public String openingAnomalyId;
    /** The anomaly whose fold last raised the severity, and the severity rank before (re-announced on its replay). */
    public String raisedBy;
    public Integer raisedFrom;
    /** Earlier openings of this slot within the flapping window when this alarm opened. */
    public int flapLevel;
    public String assignee;
    public String assignedBy;
    public Instant assignedAt;
    public String acknowledgedBy;
    public Instant acknowledgedAt;
    public String clearedBy;
    public Instant clearedAt;
    public String clearReason;
    public Instant remindedAt;
    public Instant escalatedAt;
    public String lastChange;
    public String lastActor;
    public Instant lastChangeAt;
    public boolean dirty;
    public Instant createdAt;
    public Instant updatedAt;
}
