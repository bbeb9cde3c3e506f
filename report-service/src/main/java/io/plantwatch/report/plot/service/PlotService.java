package io.plantwatch.report.plot.service;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.report.anomaly.service.AnomalyHistory;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.anomaly.service.AnomalySort;
import io.plantwatch.report.anomaly.service.AnomalyView;
import io.plantwatch.report.device.service.DeviceDirectory;
import io.plantwatch.report.device.service.DeviceInfo;
import io.plantwatch.report.reading.service.HistoryService;
import io.plantwatch.report.reading.service.Series;
import io.plantwatch.report.reading.service.SeriesPoint;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** PNG plots of a device around a moment, with the anomalies in that window marked. */
@ApplicationScoped
public class PlotService {

    static final DateTimeFormatter TITLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final HistoryService history;
    private final AnomalyHistory anomalies;
    private final DeviceDirectory devices;
    private final ChartRenderer charts;

    public PlotService(HistoryService history, AnomalyHistory anomalies, DeviceDirectory devices, ChartRenderer charts) {
        this.history = history;
        this.anomalies = anomalies;
        this.devices = devices;
        this.charts = charts;
    }

    /**
     * @param channel one channel, or null for every channel the device has in the window
     * @param at      centre of the window, marked with a vertical line
     */
    public byte[] png(String deviceId, String channel, Instant at, Duration window, int width, int height) {
        Instant from = at.minus(window.dividedBy(2));
        Instant to = at.plus(window.dividedBy(2));
        Set<String> wanted = channel == null ? Set.of() : Set.of(channel);
        int maxPoints = Math.max(50, width);
        Series series = history.series(deviceId, wanted, from, to, maxPoints);
        Map<String, List<SeriesPoint>> byChannel = new LinkedHashMap<>();
        Set<String> channels = new TreeSet<>(wanted);
        series.points().forEach(p -> channels.addAll(p.values().keySet()));
        channels.forEach(c -> byChannel.put(c, series.points()));
        List<AnomalyView> inWindow = anomalies.find(new AnomalyQuery(List.of(deviceId), channel, List.of(), List.of(),
                null, null, from, to, AnomalySort.TS_ASC), 0, 500).items();
        List<ChartRenderer.Mark> marks = marks(inWindow, series.points());
        DeviceInfo device = devices.device(deviceId);
        String unit = channel == null ? null : device.unit(channel);
        String label = channel == null ? "value" : unit == null ? channel : channel + " [" + unit + "]";
        String title = device.name() + (channel == null ? "" : " · " + channel) + " around " + TITLE_TIME.format(at)
                + (inWindow.isEmpty() ? "" : " (" + inWindow.size() + " anomal" + (inWindow.size() == 1 ? "y" : "ies") + ")");
        return encode(charts.render(title, label, byChannel, marks, at, width, height));
    }

    /** Dots for anomalies: at the anomaly's value, or at the series value nearest in time when it has none. */
    public static List<ChartRenderer.Mark> marks(List<AnomalyView> anomalies, List<SeriesPoint> points) {
        List<ChartRenderer.Mark> marks = new ArrayList<>();
        for (AnomalyView a : anomalies) {
            if (a.ts() == null) {
                continue;
            }
            Double value = a.value();
            if (value == null) {
                value = nearest(points, a.ts(), a.channel());
            }
            if (value != null) {
                marks.add(new ChartRenderer.Mark(a.ts(), value));
            }
        }
        return marks;
    }

    private static Double nearest(List<SeriesPoint> points, Instant ts, String channel) {
        SeriesPoint best = null;
        for (SeriesPoint p : points) {
            if (best == null || Math.abs(p.ts().toEpochMilli() - ts.toEpochMilli())
                    < Math.abs(best.ts().toEpochMilli() - ts.toEpochMilli())) {
                best = p;
            }
        }
        if (best == null) {
            return null;
        }
        Double v = best.values().get(channel);
        return v != null ? v : best.values().values().stream().findFirst().orElse(null);
    }

    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anomaly with this id, for a plot centred on it. */
    public AnomalyView anomaly(String deviceId, String anomalyId) {
        return anomalies.byId(anomalyId).filter(a -> a.deviceId().equals(deviceId))
                .orElseThrow(() -> ApiException.notFound("anomaly " + anomalyId + " of device " + deviceId));
    }
}
