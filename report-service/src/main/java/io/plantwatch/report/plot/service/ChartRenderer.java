package io.plantwatch.report.plot.service;

import io.plantwatch.report.reading.service.SeriesPoint;
import jakarta.enterprise.context.ApplicationScoped;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Time-series charts (JFreeChart): each channel a line with its min/max envelope shaded, anomalies as red dots, and
 * optionally a vertical marker at a moment of interest.
 */
@ApplicationScoped
public class ChartRenderer {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xff7f0e), new Color(0x17becf)};

    static {
        // charts are drawn off-screen; without this AWT may look for a display
        System.setProperty("java.awt.headless", "true");
    }

    /** An anomaly to mark: its time and the value to put the dot at. */
    public record Mark(Instant ts, double value) {
    }

    /**
     * @param series channel → points (raw or aggregated)
     * @param marks  anomalies to mark
     * @param at     a vertical marker, or null
     */
    public BufferedImage render(String title, String valueLabel, Map<String, List<SeriesPoint>> series, List<Mark> marks,
            Instant at, int width, int height) {
        YIntervalSeriesCollection lines = new YIntervalSeriesCollection();
        series.forEach((channel, points) -> {
            YIntervalSeries line = new YIntervalSeries(channel);
            for (SeriesPoint p : points) {
                Double mean = p.values().get(channel);
                if (mean == null || mean.isNaN()) {
                    continue;
                }
                double lo = p.min() == null ? mean : p.min().getOrDefault(channel, mean);
                double hi = p.max() == null ? mean : p.max().getOrDefault(channel, mean);
                line.add(p.ts().toEpochMilli(), mean, lo, hi);
            }
            lines.addSeries(line);
        });
        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis value = new NumberAxis(valueLabel);
        value.setAutoRangeIncludesZero(false);
        DeviationRenderer lineRenderer = new DeviationRenderer(true, false);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            Color color = PALETTE[i % PALETTE.length];
            lineRenderer.setSeriesPaint(i, color);
            lineRenderer.setSeriesFillPaint(i, new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
            lineRenderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        lineRenderer.setAlpha(0.35f);
        XYPlot plot = new XYPlot(lines, time, value, lineRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));

        XYSeries anomalySeries = new XYSeries("anomalies");
        marks.forEach(m -> anomalySeries.add(m.ts().toEpochMilli(), m.value()));
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        markRenderer.setSeriesPaint(0, Color.RED);
        markRenderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        plot.setDataset(1, new XYSeriesCollection(anomalySeries));
        plot.setRenderer(1, markRenderer);
        if (at != null) {
            plot.addDomainMarker(new ValueMarker(at.toEpochMilli(), new Color(0xd62728), new BasicStroke(1.5f)));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(width, height);
    }
}
