package io.plantwatch.report.top.service;

import io.plantwatch.contracts.event.Severity;
import io.plantwatch.report.alarm.repository.AlarmStore;
import io.plantwatch.report.anomaly.service.AnomalyHistory;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.anomaly.service.AnomalySort;
import io.plantwatch.report.common.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.List;

/** The devices and channels with the most anomalies or alarms over a range. */
@ApplicationScoped
public class TopService {

    private final AnomalyHistory anomalies;
    private final AlarmStore alarms;

    public TopService(AnomalyHistory anomalies, AlarmStore alarms) {
        this.anomalies = anomalies;
        this.alarms = alarms;
    }

    public List<TopEntry> anomalies(List<String> deviceIds, TimeRange range, TopGrouping by, Severity minSeverity, int limit) {
        AnomalyQuery query = new AnomalyQuery(deviceIds, null, List.of(), List.of(), minSeverity, null, range.from(),
                range.to(), AnomalySort.TS_DESC);
        return anomalies.countBy(query, by.fields(), limit).stream().map(d -> {
            Document id = d.get("_id", Document.class);
            Number rank = (Number) d.get("maxSeverity");
            return new TopEntry(id.getString("deviceId"), id.getString("channel"), ((Number) d.get("count")).longValue(),
                    null, rank == null || rank.intValue() < 0 ? null : Severity.values()[rank.intValue()].name());
        }).toList();
    }

    public List<TopEntry> alarms(List<String> deviceIds, TimeRange range, TopGrouping by, int limit) {
        return alarms.countStartedIn(deviceIds, range.from(), range.to(), by.fields(), limit).stream().map(d -> {
            Document id = d.get("_id", Document.class);
            return new TopEntry(id.getString("deviceId"), id.getString("channel"), ((Number) d.get("count")).longValue(),
                    ((Number) d.get("anomalies")).longValue(), null);
        }).toList();
    }
}
