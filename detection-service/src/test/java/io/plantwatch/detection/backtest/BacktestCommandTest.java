package io.plantwatch.detection.backtest;

import io.plantwatch.detection.detector.DetectorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV formats, the command line and the in-memory backtest used by the service. */
class BacktestCommandTest {

    private static String nabCsv(int n, int stepAt) {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            double v = 20 + r.nextGaussian() + (i >= stepAt ? 15 : 0);
            sb.append(String.format("2024-01-01 %02d:%02d:%02d,%.4f%n", i / 3600, (i / 60) % 60, i % 60, v));
        }
        return sb.toString();
    }

    @Test
    void skabLabelsAreNeverGivenToTheDetector() {
        String csv = "datetime;a;b;anomaly;changepoint\n2020-03-09 10:14:33;1.0;2.0;0.0;0.0\n"
                + "2020-03-09 10:14:34;1.5;;1.0;0.0\n";
        CsvSamples.Table t = CsvSamples.parse(csv, CsvSamples.Format.SKAB);
        assertEquals(List.of("a", "b"), t.channels());
        assertEquals(2, t.samples().size());
        assertFalse(t.samples().get(0).values().containsKey("anomaly"));
        assertTrue(t.samples().get(1).values().get("b").isNaN(), "empty cell is a missing value");
        assertEquals("2020-03-09T10:14:34Z", t.samples().get(1).ts().toString());
    }

    @Test
    void timestampsInTheUsualFormats() {
        assertEquals("2013-07-04T00:00:00Z", CsvSamples.parseTime("2013-07-04 00:00:00").toString());
        assertEquals("2013-12-10T06:25:00Z", CsvSamples.parseTime("2013-12-10 06:25:00.000000").toString());
        assertEquals("2024-05-01T10:00:00Z", CsvSamples.parseTime("2024-05-01T12:00:00+02:00").toString());
        assertEquals("2024-05-01T10:00:00.500Z", CsvSamples.parseTime("2024-05-01T10:00:00.5Z").toString());
        assertEquals("2001-09-09T01:46:40Z", CsvSamples.parseTime("1000000000").toString());
        assertEquals("2001-09-09T01:46:40Z", CsvSamples.parseTime("1000000000000").toString());
        assertThrows(RuntimeException.class, () -> CsvSamples.parseTime("yesterday"));
    }

    @Test
    void commandWritesOneRowPerInputRowWithTheOnsetOnce(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Path summary = dir.resolve("summary.json");
        Files.writeString(in, nabCsv(3000, 2000));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = BacktestCommand.run(new String[] {"--input", in.toString(), "--output", out.toString(),
            "--format", "nab", "--summary", summary.toString(), "--set", "zscore.threshold=3.5"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        List<String> rows = Files.readAllLines(out);
        assertEquals("timestamp,is_anomaly,score,alarm_onset", rows.get(0));
        assertEquals(3001, rows.size());
        assertEquals("2024-01-01 00:00:00", rows.get(1).split(",")[0], "timestamps echoed as written");
        long onsets = rows.stream().skip(1).filter(r -> r.endsWith(",1")).count();
        assertEquals(1, onsets, "one step, one alarm onset");
        String onsetRow = rows.stream().skip(1).filter(r -> r.endsWith(",1")).findFirst().orElseThrow();
        assertTrue(onsetRow.startsWith("2024-01-01 00:33:2"), "onset at the step (row 2000 = 00:33:20): " + onsetRow);
        for (String r : rows.subList(1, rows.size())) {
            double score = Double.parseDouble(r.split(",")[2]);
            assertTrue(score >= 0 && score <= 1, r);
        }
        assertTrue(Files.readString(summary).contains("\"alarmsOpened\" : 1"), Files.readString(summary));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("alarms opened 1"), err.toString());
    }

    @Test
    void inMemoryBacktestSummarisesAlarmsAndVerdicts() {
        BacktestSummary s = BacktestRunner.run(nabCsv(3000, 2000), CsvSamples.Format.NAB,
                DetectorConfig.builder("svc").trainSamples(450).build());
        assertEquals(3000, s.rows());
        assertEquals(450, s.trainRows());
        assertEquals(1, s.alarmsOpened());
        assertEquals(List.of("2024-01-01 00:33:20"), s.alarmOnsets());
        assertTrue(s.anomalousRows() >= 1);
        assertTrue(s.verdictsByDetector().containsKey("zscore"), s.verdictsByDetector().toString());
        assertTrue(s.alarmDetectors().contains("zscore"));
    }

    @Test
    void badArgumentsAreRejected(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> BacktestCommand.run(new String[] {"--input", "x"},
                System.err));
        assertThrows(IllegalArgumentException.class, () -> BacktestCommand.run(new String[] {"--bogus"},
                System.err));
    }
}
