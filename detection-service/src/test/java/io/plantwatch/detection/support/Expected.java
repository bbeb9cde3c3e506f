package io.plantwatch.detection.support;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.backtest.BacktestRunner;
import io.plantwatch.detection.backtest.BacktestSummary;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the live service must publish for a stream: the offline backtest's verdicts as events, with the rule that a
 * detector which does not open alarms on the device publishes at severity INFO.
 */
public final class Expected {

    private Expected() {
    }

    public record Run(BacktestSummary summary, Map<String, AnomalyEvent> events) {
    }

    public static Run backtest(String deviceId, List<Sample> samples, DetectorConfig config) {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> readingIds = new ArrayList<>();
        BacktestSummary summary = BacktestRunner.run(samples, config, (i, s, r) -> {
            for (Verdict v : r.verdicts()) {
                verdicts.add(v);
                readingIds.add(LiveStream.readingId(deviceId, s.ts()));
            }
        });
        Set<String> alarmSources = Set.copyOf(summary.alarmDetectors());
        Map<String, AnomalyEvent> events = new TreeMap<>();
        for (int k = 0; k < verdicts.size(); k++) {
            Verdict v = verdicts.get(k);
            AnomalyEvent e = v.toEvent(deviceId, readingIds.get(k));
            events.put(e.id(), alarmSources.contains(v.detector()) ? e : info(e));
        }
        return new Run(summary, events);
    }

    private static AnomalyEvent info(AnomalyEvent e) {
        return new AnomalyEvent(e.schemaVersion(), e.id(), e.readingId(), e.deviceId(), e.channel(), e.channels(),
                e.ts(), e.detector(), e.modelId(), e.type(), Severity.INFO, e.score(), e.threshold(), e.value(),
                e.expectedLow(), e.expectedHigh(), e.message(), e.probableCause());
    }
}
