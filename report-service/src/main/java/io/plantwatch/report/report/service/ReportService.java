package io.plantwatch.report.report.service;

import io.plantwatch.report.alarm.service.AlarmQueries;
import io.plantwatch.report.alarm.service.AlarmView;
import io.plantwatch.report.anomaly.service.AnomalyHistory;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.anomaly.service.AnomalySort;
import io.plantwatch.report.anomaly.service.AnomalyView;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.device.service.DeviceDirectory;
import io.plantwatch.report.device.service.DeviceInfo;
import io.plantwatch.report.plot.service.ChartRenderer;
import io.plantwatch.report.plot.service.PlotService;
import io.plantwatch.report.reading.service.HistoryService;
import io.plantwatch.report.reading.service.Series;
import io.plantwatch.report.stats.service.ChannelStats;
import io.plantwatch.report.stats.service.StatsService;
import io.plantwatch.report.top.service.TopEntry;
import io.plantwatch.report.top.service.TopGrouping;
import io.plantwatch.report.top.service.TopService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The PDF report of a site or device set over a period: summary statistics (with energy), a chart per channel with
 * its anomalies marked, the alarm table and the top offenders.
 */
@ApplicationScoped
public class ReportService {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final StatsService stats;
    private final HistoryService history;
    private final AnomalyHistory anomalies;
    private final AlarmQueries alarms;
    private final TopService top;
    private final DeviceDirectory devices;
    private final ChartRenderer charts;
    private final ReportConfig config;

    public ReportService(StatsService stats, HistoryService history, AnomalyHistory anomalies, AlarmQueries alarms,
            TopService top, DeviceDirectory devices, ChartRenderer charts, ReportConfig config) {
        this.stats = stats;
        this.history = history;
        this.anomalies = anomalies;
        this.alarms = alarms;
        this.top = top;
        this.devices = devices;
        this.charts = charts;
        this.config = config;
    }

    /** The report's title line. */
    public static String title(ReportSpec spec) {
        return "PlantWatch report" + (spec.site() == null ? "" : " - site " + spec.site());
    }

    public void pdf(ReportSpec spec, OutputStream out) {
        Map<String, DeviceInfo> infos = devices.devices(spec.deviceIds());
        List<ChannelStats> channelStats = new ArrayList<>();
        infos.values().forEach(d -> channelStats.addAll(stats.deviceStats(d, spec.channels(), spec.range())));
        try (PdfCanvas pdf = new PdfCanvas()) {
            pdf.heading(title(spec), 18);
            pdf.text("Period: " + TIME.format(spec.range().from()) + " to " + TIME.format(spec.range().to()) + " UTC", 10);
            pdf.text("Devices: " + String.join(", ", infos.values().stream().map(ReportService::deviceLabel).toList()), 10);
            pdf.text("Generated: " + TIME.format(Instant.now()) + " UTC", 10);
            pdf.space(8);

            pdf.heading("Summary statistics", 13);
            List<List<String>> rows = new ArrayList<>();
            double energy = 0;
            boolean anyEnergy = false;
            for (ChannelStats c : channelStats) {
                rows.add(List.of(c.deviceId(), c.channel(), c.unit() == null ? "" : c.unit(), Long.toString(c.count()),
                        number(c.min()), number(c.max()), number(c.avg()), number(c.stddev()), number(c.p95()),
                        c.energyKwh() == null ? "" : number(c.energyKwh())));
                if (c.energyKwh() != null) {
                    energy += c.energyKwh();
                    anyEnergy = true;
                }
            }
            if (rows.isEmpty()) {
                pdf.text("No readings in this period.", 10);
            } else {
                pdf.table(List.of("Device", "Channel", "Unit", "Count", "Min", "Max", "Avg", "Std dev", "P95", "Energy kWh"),
                        new float[] {80, 60, 30, 45, 45, 45, 45, 45, 45, 55}, rows, 8);
            }
            if (anyEnergy) {
                pdf.text("Total energy: " + number(energy) + " kWh", 10);
            }
            if (channelStats.stream().anyMatch(c -> !c.exact())) {
                pdf.text("Older than the raw retention: statistics from rollups, p95 approximate.", 8);
            }

            pdf.heading("Charts", 13);
            int charted = 0;
            for (ChannelStats c : channelStats) {
                if (charted++ >= config.reports().maxCharts()) {
                    pdf.text("(" + (channelStats.size() - config.reports().maxCharts()) + " more channels not charted)", 9);
                    break;
                }
                pdf.image(chart(infos.get(c.deviceId()), c.channel(), spec), pdf.width());
            }

            pdf.heading("Alarms", 13);
            List<AlarmView> alarmList = alarms.overlapping(spec.deviceIds(), spec.range().from(), spec.range().to(),
                    config.reports().maxAlarmRows());
            if (alarmList.isEmpty()) {
                pdf.text("No alarms in this period.", 10);
            } else {
                List<List<String>> alarmRows = new ArrayList<>();
                alarmList.forEach(a -> alarmRows.add(List.of(a.deviceId(), nullToEmpty(a.channel()), nullToEmpty(a.type()),
                        nullToEmpty(a.severity()), nullToEmpty(a.status()), Long.toString(a.count()),
                        a.firstSeen() == null ? "" : TIME.format(a.firstSeen()),
                        a.lastSeen() == null ? "" : TIME.format(a.lastSeen()))));
                pdf.table(List.of("Device", "Channel", "Type", "Severity", "Status", "Count", "First seen", "Last seen"),
                        new float[] {80, 55, 70, 50, 75, 35, 70, 70}, alarmRows, 8);
            }

            pdf.heading("Top offenders", 13);
            List<TopEntry> byAnomalies = top.anomalies(spec.deviceIds(), spec.range(), TopGrouping.CHANNEL, null, 10);
            List<TopEntry> byAlarms = top.alarms(spec.deviceIds(), spec.range(), TopGrouping.DEVICE, 10);
            if (byAnomalies.isEmpty() && byAlarms.isEmpty()) {
                pdf.text("No anomalies or alarms in this period.", 10);
            }
            if (!byAnomalies.isEmpty()) {
                List<List<String>> topRows = new ArrayList<>();
                byAnomalies.forEach(t -> topRows.add(List.of(t.deviceId(), nullToEmpty(t.channel()),
                        Long.toString(t.count()), nullToEmpty(t.maxSeverity()))));
                pdf.table(List.of("Device", "Channel", "Anomalies", "Worst severity"), new float[] {120, 100, 70, 90},
                        topRows, 8);
            }
            if (!byAlarms.isEmpty()) {
                List<List<String>> topRows = new ArrayList<>();
                byAlarms.forEach(t -> topRows.add(List.of(t.deviceId(), Long.toString(t.count()),
                        Long.toString(t.anomalies() == null ? 0 : t.anomalies()))));
                pdf.table(List.of("Device", "Alarms", "Anomalies in them"), new float[] {120, 70, 90}, topRows, 8);
            }
            pdf.write(out);
        }
    }

    private java.awt.image.BufferedImage chart(DeviceInfo device, String channel, ReportSpec spec) {
        Series series = history.series(device.deviceId(), Set.of(channel), spec.range().from(), spec.range().to(),
                config.reports().chartPoints());
        List<AnomalyView> marked = anomalies.find(new AnomalyQuery(List.of(device.deviceId()), channel, List.of(),
                List.of(), null, null, spec.range().from(), spec.range().to(), AnomalySort.TS_ASC), 0, 500).items();
        String unit = device.unit(channel);
        return charts.render(device.name() + " · " + channel + (marked.isEmpty() ? "" : " (" + marked.size() + " anomalies)"),
                unit == null ? channel : channel + " [" + unit + "]", Map.of(channel, series.points()),
                PlotService.marks(marked, series.points()), null, 1000, 360);
    }

    private static String deviceLabel(DeviceInfo d) {
        return d.name().equals(d.deviceId()) ? d.deviceId() : d.name() + " (" + d.deviceId() + ")";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Up to three decimals, no grouping, '.' as separator: what the tests and spreadsheets read back. */
    static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "";
        }
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
