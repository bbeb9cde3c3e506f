package io.plantwatch.report.export.service;

import io.plantwatch.report.anomaly.service.AnomalyHistory;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.anomaly.service.AnomalyView;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * CSV and XLSX exports of readings and anomalies, written row by row as the database cursor delivers them: CSV
 * straight to the response, XLSX through POI's streaming workbook (a window of rows in memory, the rest in a
 * temporary file until the workbook is zipped onto the response).
 */
@ApplicationScoped
public class ExportService {

    /** Rows of an XLSX sheet kept in memory before they are flushed to the temporary file. */
    private static final int XLSX_WINDOW = 200;

    static final List<String> ANOMALY_HEADER = List.of("ts", "deviceId", "channel", "type", "severity", "detector",
            "score", "threshold", "value", "expectedLow", "expectedHigh", "resolved", "alarmId", "message", "id");

    private final ReadingRows readings;
    private final AnomalyHistory anomalies;
    private final ReportConfig config;

    public ExportService(ReadingRows readings, AnomalyHistory anomalies, ReportConfig config) {
        this.readings = readings;
        this.anomalies = anomalies;
        this.config = config;
    }

    public void readingsCsv(List<String> deviceIds, Set<String> channels, TimeRange range, Resolution resolution,
            OutputStream out) {
        try (CsvWriter csv = new CsvWriter(out)) {
            if (resolution == Resolution.RAW) {
                csv.row(ReadingRows.RAW_HEADER);
                readings.forEach(deviceIds, channels, range, resolution, (ts, device, channel, avg, min, max, count, quality) ->
                        csv.row(Arrays.asList(ts, device, channel, avg, quality)));
            } else {
                csv.row(ReadingRows.ROLLUP_HEADER);
                readings.forEach(deviceIds, channels, range, resolution, (ts, device, channel, avg, min, max, count, quality) ->
                        csv.row(Arrays.asList(ts, device, channel, avg, min, max, count)));
            }
        }
    }

    public void anomaliesCsv(AnomalyQuery query, OutputStream out) {
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row(ANOMALY_HEADER);
            anomalies.forEach(query, a -> csv.row(anomalyCells(a)));
        }
    }

    public void readingsXlsx(List<String> deviceIds, Set<String> channels, TimeRange range, Resolution resolution,
            OutputStream out) {
        try (Xlsx xlsx = new Xlsx("readings", config.reports().maxXlsxRows())) {
            if (resolution == Resolution.RAW) {
                xlsx.header(ReadingRows.RAW_HEADER);
                readings.forEach(deviceIds, channels, range, resolution, (ts, device, channel, avg, min, max, count, quality) ->
                        xlsx.row(Arrays.asList(ts, device, channel, avg, quality)));
            } else {
                xlsx.header(ReadingRows.ROLLUP_HEADER);
                readings.forEach(deviceIds, channels, range, resolution, (ts, device, channel, avg, min, max, count, quality) ->
                        xlsx.row(Arrays.asList(ts, device, channel, avg, min, max, count)));
            }
            xlsx.write(out);
        }
    }

    public void anomaliesXlsx(AnomalyQuery query, OutputStream out) {
        try (Xlsx xlsx = new Xlsx("anomalies", config.reports().maxXlsxRows())) {
            xlsx.header(ANOMALY_HEADER);
            anomalies.forEach(query, a -> xlsx.row(anomalyCells(a)));
            xlsx.write(out);
        }
    }

    static List<Object> anomalyCells(AnomalyView a) {
        return Arrays.asList(a.ts(), a.deviceId(), a.channel(), a.type().name(), a.severity().name(), a.detector(),
                a.score(), a.threshold(), a.value(), a.expectedLow(), a.expectedHigh(), a.resolved(), a.alarmId(),
                a.message(), a.id());
    }

    /** One streaming sheet with a bold header, UTC date cells and a row cap. */
    static final class Xlsx implements AutoCloseable {

        private final SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW);
        private final SXSSFSheet sheet;
        private final CellStyle dateStyle;
        private final CellStyle headerStyle;
        private final int maxRows;
        private int next;
        private boolean truncated;

        Xlsx(String name, int maxRows) {
            workbook.setCompressTempFiles(true);
            sheet = workbook.createSheet(name);
            dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss.000"));
            headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            this.maxRows = maxRows;
        }

        void header(List<String> names) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < names.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(i == 0 ? names.get(i) + " (UTC)" : names.get(i));
                cell.setCellStyle(headerStyle);
            }
            sheet.createFreezePane(0, 1);
        }

        void row(List<?> cells) {
            if (next > maxRows) {
                if (!truncated) {
                    truncated = true;
                    sheet.createRow(next++).createCell(0)
                            .setCellValue("truncated after " + maxRows + " rows: use the CSV export for more");
                }
                return;
            }
            Row row = sheet.createRow(next++);
            for (int i = 0; i < cells.size(); i++) {
                Object value = cells.get(i);
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (value instanceof Instant ts) {
                    cell.setCellValue(LocalDateTime.ofInstant(ts, ZoneOffset.UTC));
                    cell.setCellStyle(dateStyle);
                } else if (value instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (value instanceof Boolean b) {
                    cell.setCellValue(b);
                } else {
                    cell.setCellValue(value.toString());
                }
            }
        }

        void write(OutputStream out) {
            try {
                workbook.write(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                workbook.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                workbook.dispose();
            }
        }
    }
}
