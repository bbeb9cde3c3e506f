package io.plantwatch.report.alarm.service;

import io.plantwatch.report.alarm.repository.AlarmStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** Reads of the alarm states. */
@ApplicationScoped
public class AlarmQueries {

    private final AlarmStore store;

    public AlarmQueries(AlarmStore store) {
        this.store = store;
    }

    /** Alarms of the devices begun by {@code until}, newest first. */
    public List<AlarmView> startedBy(Collection<String> deviceIds, Instant until) {
        return store.startedBy(deviceIds, until).stream().map(AlarmQueries::toView).toList();
    }

    /** Alarms active at some time in [from, to), most severe first. */
    public List<AlarmView> overlapping(Collection<String> deviceIds, Instant from, Instant to, int limit) {
        return store.overlapping(deviceIds, from, to, limit).stream().map(AlarmQueries::toView).toList();
    }

    static AlarmView toView(Document d) {
        return new AlarmView(d.getString("_id"), d.getString("deviceId"), d.getString("channel"), d.getString("type"),
                d.getString("severity"), d.getString("status"), ((Number) d.get("count")).longValue(),
                instant(d.getDate("firstSeen")), instant(d.getDate("lastSeen")), d.getString("assignee"),
                d.getString("message"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
