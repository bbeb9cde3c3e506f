package io.plantwatch.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed settings of report-service ({@code plantwatch.report.*}). */
@ConfigMapping(prefix = "plantwatch.report")
public interface ReportConfig {

    /** How long each resolution of the readings history and the anomaly history are kept. */
    Retention retention();

    /** Series and statistics queries. */
    Query query();

    /** Energy integration of power channels. */
    Energy energy();

    /** PDF reports, charts and plots. */
    Reports reports();

    /** Scheduled (subscribed) reports. */
    Schedule schedule();

    interface Retention {
        /** Raw samples (one document per device and hour). */
        @WithDefault("P30D")
        Duration raw();

        /** 1-minute rollups (min, max, sum, sum of squares, count). */
        @WithDefault("P400D")
        Duration minute();

        /** 1-hour rollups. */
        @WithDefault("P1825D")
        Duration hour();

        /** Anomaly history. */
        @WithDefault("P400D")
        Duration anomalies();

        /** Alarm states (for the resolved flag and the alarm tables). */
        @WithDefault("P400D")
        Duration alarms();
    }

    interface Query {
        /** maxPoints of a series when the caller gives none. */
        @WithDefault("2000")
        int defaultMaxPoints();

        /** Upper bound a caller may ask for as maxPoints. */
        @WithDefault("100000")
        int maxMaxPoints();

        /** Above this many raw values of one channel, statistics come from the 1-minute rollups (p95 then approximate). */
        @WithDefault("3000000")
        int maxExactSamples();

        /** Longest range one statistics, export or report request may cover. */
        @WithDefault("P400D")
        Duration maxRange();
    }

    interface Energy {
        /** Gaps between two power samples longer than this are not integrated (the device was off or silent). */
        @WithDefault("PT15M")
        Duration maxGap();
    }

    interface Reports {
        /** Most device channels charted in one PDF report. */
        @WithDefault("40")
        int maxCharts();

        /** Points per chart in a PDF report. */
        @WithDefault("600")
        int chartPoints();

        /** Most rows of the alarm table in a PDF report. */
        @WithDefault("200")
        int maxAlarmRows();

        /** Window of a PNG plot around its timestamp when none is given. */
        @WithDefault("PT10M")
        Duration plotWindow();

        /** Most rows of an XLSX export (Excel's limit is 1,048,576 per sheet). */
        @WithDefault("1000000")
        int maxXlsxRows();
    }

    interface Schedule {
        /** How often due subscriptions are looked for. */
        @WithDefault("5m")
        String checkEvery();

        /** How long one instance holds a delivery before another may retry it. */
        @WithDefault("PT10M")
        Duration claimFor();

        /** Most subscriptions per user. */
        @WithDefault("50")
        int maxPerUser();
    }
}
