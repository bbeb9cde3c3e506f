package io.plantwatch.report.anomaly.service;

import com.mongodb.client.model.Filters;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.report.alarm.service.AlarmQueries;
import io.plantwatch.report.alarm.service.AlarmView;
import io.plantwatch.report.anomaly.repository.AnomalyStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Queries of the anomaly history, each anomaly joined with the state of its alarm. */
@ApplicationScoped
public class AnomalyHistory {

    private final AnomalyStore store;
    private final AlarmQueries alarms;

    public AnomalyHistory(AnomalyStore store, AlarmQueries alarms) {
        this.store = store;
        this.alarms = alarms;
    }

    /** One page of matching anomalies and the total number that match. */
    public record Page(List<AnomalyView> items, long total) {
    }

    public Page find(AnomalyQuery query, int page, int size) {
        Bson filter = filter(query);
        List<AnomalyEvent> events = store.find(filter, query.sort().bson(), page * size, size).stream()
                .map(AnomalyHistory::toEvent).toList();
        return new Page(withAlarms(events), store.count(filter));
    }

    public java.util.Optional<AnomalyView> byId(String id) {
        Document doc = store.findById(id);
        return doc == null ? java.util.Optional.empty() : java.util.Optional.of(withAlarms(List.of(toEvent(doc))).get(0));
    }

    /** Streams every matching anomaly (oldest first) through a cursor, in chunks joined with their alarms. */
    public void forEach(AnomalyQuery query, Consumer<AnomalyView> sink) {
        List<AnomalyEvent> chunk = new ArrayList<>(500);
        store.forEach(filter(query), doc -> {
            chunk.add(toEvent(doc));
            if (chunk.size() == 500) {
                withAlarms(chunk).forEach(sink);
                chunk.clear();
            }
        });
        withAlarms(chunk).forEach(sink);
    }

    /** Anomaly counts grouped by device (and channel), biggest first. */
    public List<Document> countBy(AnomalyQuery query, List<String> groupBy, int limit) {
        return store.countBy(filter(query), groupBy, limit);
    }

    List<AnomalyView> withAlarms(List<AnomalyEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> devices = new LinkedHashSet<>();
        Instant latest = Instant.EPOCH;
        for (AnomalyEvent e : events) {
            devices.add(e.deviceId());
            if (e.ts() != null && e.ts().isAfter(latest)) {
                latest = e.ts();
            }
        }
        List<AlarmView> candidates = alarms.startedBy(devices, latest);
        List<AnomalyView> views = new ArrayList<>(events.size());
        for (AnomalyEvent e : events) {
            AlarmView alarm = e.ts() == null ? null : candidates.stream()
                    .filter(a -> a.covers(e.deviceId(), e.channel(), e.type().name(), e.ts())).findFirst().orElse(null);
            views.add(AnomalyView.of(e, alarm == null ? null : alarm.alarmId(), alarm == null ? null : alarm.status(),
                    alarm != null && alarm.resolved()));
        }
        return views;
    }

    static Bson filter(AnomalyQuery q) {
        List<Bson> filters = new ArrayList<>();
        if (!q.deviceIds().isEmpty()) {
            filters.add(q.deviceIds().size() == 1 ? Filters.eq("deviceId", q.deviceIds().get(0))
                    : Filters.in("deviceId", q.deviceIds()));
        }
        if (q.channel() != null) {
            filters.add(Filters.eq("channel", q.channel()));
        }
        if (!q.types().isEmpty()) {
            filters.add(Filters.in("type", q.types().stream().map(AnomalyType::name).toList()));
        }
        if (!q.severities().isEmpty()) {
            filters.add(Filters.in("severity", q.severities().stream().map(Severity::name).toList()));
        }
        if (q.minSeverity() != null) {
            filters.add(Filters.gte("severityRank", q.minSeverity().ordinal()));
        }
        if (q.detector() != null) {
            filters.add(Filters.eq("detector", q.detector()));
        }
        if (q.from() != null) {
            filters.add(Filters.gte("ts", Date.from(q.from())));
        }
        if (q.to() != null) {
            filters.add(Filters.lt("ts", Date.from(q.to())));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    static AnomalyEvent toEvent(Document d) {
        d.put("id", d.remove("_id"));
        d.remove("severityRank");
        if (d.getDate("ts") != null) {
            d.put("ts", d.getDate("ts").toInstant().toString());
        }
        return EventJson.fromJson(d.toJson(), AnomalyEvent.class);
    }
}
