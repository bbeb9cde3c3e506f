package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.service.AnomalyAccepted;
import io.plantwatch.alert.directory.service.DeviceInfo;
import io.plantwatch.alert.notification.config.NotifyConfig;
import io.plantwatch.alert.notification.repository.JournalEntity;
import io.plantwatch.alert.notification.repository.NotificationStore;
import io.plantwatch.contracts.event.AnomalyEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Keeps the anomalies digests list (those at or above {@code digest.min-anomaly-severity}). */
@ApplicationScoped
public class AnomalyJournal {

    private final NotificationStore store;
    private final NotifyConfig config;

    public AnomalyJournal(NotificationStore store, NotifyConfig config) {
        this.store = store;
        this.config = config;
    }

    void onAnomaly(@Observes AnomalyAccepted accepted) {
        AnomalyEvent a = accepted.anomaly();
        if (a.severity().compareTo(config.digest().minAnomalySeverity()) < 0) {
            return;
        }
        DeviceInfo device = accepted.device();
        String channel = a.channel() == null ? AnomalyEvent.ALL_CHANNELS : a.channel();
        DeviceInfo.ChannelInfo info = device.channel(channel);
        JournalEntity e = new JournalEntity();
        e.id = a.id();
        e.deviceId = a.deviceId();
        e.deviceName = device.name();
        e.site = device.site();
        e.channel = channel;
        e.unit = info == null ? null : info.unit();
        e.type = a.type().name();
        e.severity = a.severity().name();
        e.severityRank = a.severity().ordinal();
        e.value = a.value();
        e.expectedLow = a.expectedLow();
        e.expectedHigh = a.expectedHigh();
        e.message = a.message();
        e.ts = a.ts();
        e.at = accepted.at();
        store.record(e);
    }
}
