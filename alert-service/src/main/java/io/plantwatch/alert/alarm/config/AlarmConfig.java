package io.plantwatch.alert.alarm.config;

import io.plantwatch.contracts.event.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Alarm lifecycle settings ({@code plantwatch.alert.*}). */
@ConfigMapping(prefix = "plantwatch.alert")
public interface AlarmConfig {

    /** Lowest anomaly severity that opens or updates an alarm; lower ones (INFO) are history only. */
    @WithDefault("WARNING")
    Severity minAlarmSeverity();

    /** Severity of the OFFLINE alarm raised when ingest reports a device offline. */
    @WithDefault("MAJOR")
    Severity offlineSeverity();

    /** When an alarm clears by itself. */
    Hysteresis hysteresis();

    /** How re-raising alarms of one slot are kept from becoming a storm. */
    Flapping flapping();

    /** Severity rise of alarms whose anomaly persists. */
    SeverityEscalation severityEscalation();

    /** The alarm timer. */
    Timers timers();

    interface Hysteresis {
        /** Default N: clear after N quiet samples (N x the channel's expected period) when the period is known. */
        @WithDefault("10")
        int clearAfterSamples();

        /** Default T: clear after this quiet time when the expected period is unknown. */
        @WithDefault("PT5M")
        Duration clearAfter();

        /** Floor of the quiet time, whatever the settings say (a clear needs a few timer ticks of quiet). */
        @WithDefault("PT10S")
        Duration minClearAfter();
    }

    interface Flapping {
        /** Openings of one slot within this window count as flapping. */
        @WithDefault("PT1H")
        Duration window();

        /** Each earlier opening in the window doubles the quiet time of a new alarm, up to this many times. */
        @WithDefault("6")
        int maxDoublings();

        /** Ceiling of the quiet time of a flapping alarm. */
        @WithDefault("PT2H")
        Duration maxClearAfter();
    }

    interface SeverityEscalation {
        /** Raise the severity of persisting alarms. */
        @WithDefault("true")
        boolean enabled();

        /** One step up after the anomaly has persisted this long at the current severity. */
        @WithDefault("PT30M")
        Duration after();

        /** Persistence never raises above this. */
        @WithDefault("CRITICAL")
        Severity max();
    }

    interface Timers {
        /** How often the alarm timer runs (auto-clear, severity rise, event relay), e.g. 5s. */
        @WithDefault("5s")
        String every();

        /** A change whose plant.alarms event was not confirmed within this time is published again. */
        @WithDefault("PT30S")
        Duration republishAfter();
    }
}
