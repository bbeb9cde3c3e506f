package io.plantwatch.detection.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.detection.detector.DetectorConfig;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the default detectors' benchmark quality from regressing: the backtest of one SKAB file and one NAB file,
 * scored with the benchmarks' own rules, must stay above a floor. The data must be present (see {@link Datasets}).
 */
class BenchmarkRegressionTest {

    @Test
    void skabValve1File9StaysAboveTheFloor() throws Exception {
        Path file = Datasets.root().resolve("skab/valve1/9.csv");
        List<Sample> samples;
        try (Reader r = Files.newBufferedReader(file)) {
            samples = CsvSamples.read(r, CsvSamples.Format.SKAB).samples();
        }
        // the labels, read separately: the detector never sees them
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(";");
        int col = java.util.Arrays.asList(header).indexOf("anomaly");
        boolean[] label = new boolean[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            label[i] = Double.parseDouble(lines.get(i + 1).split(";")[col]) >= 0.5;
        }
        boolean[] predicted = new boolean[samples.size()];
        DetectorConfig cfg = DetectorConfig.builder("skab-9").trainSamples(400).build();
        BacktestSummary s = BacktestRunner.run(samples, cfg, (i, sample, res) -> predicted[i] = res.alarmActive());
        BenchmarkScores.Counts c = BenchmarkScores.skab(label, predicted, 400);
        assertTrue(c.f1() >= 0.85, "SKAB valve1/9 F1 " + c.f1() + " (FAR " + c.far() + ")");
        assertTrue(c.far() <= 10, "SKAB valve1/9 FAR " + c.far());
        assertEquals(1, s.alarmsOpened(), "one alarm for the one valve closure");
        assertTrue(s.verdictsByDetector().get("mewma") > 100, s.verdictsByDetector().toString());
    }

    @Test
    void nabMachineTemperatureStaysAboveTheFloor() throws Exception {
        Path root = Datasets.root();
        String key = "realKnownCause/machine_temperature_system_failure.csv";
        List<Sample> samples;
        try (Reader r = Files.newBufferedReader(root.resolve("nab").resolve(key))) {
            samples = CsvSamples.read(r, CsvSamples.Format.NAB).samples();
        }
        int n = samples.size();
        int train = Math.min((int) Math.floor(0.15 * n), 750);
        boolean[] onset = new boolean[n];
        BacktestRunner.run(samples, DetectorConfig.builder("machine").trainSamples(train).build(),
                (i, sample, res) -> onset[i] = res.alarmOnset());
        JsonNode spans = new ObjectMapper().readTree(root.resolve("nab/windows_dev.json").toFile()).get(key);
        List<Instant[]> wins = new ArrayList<>();
        for (JsonNode w : spans) {
            wins.add(new Instant[] {CsvSamples.parseTime(w.get(0).asText()), CsvSamples.parseTime(w.get(1).asText())});
        }
        List<Instant> times = samples.stream().map(Sample::ts).toList();
        List<int[]> idx = BenchmarkScores.windows(times, wins);
        assertEquals(4, idx.size());
        double raw = BenchmarkScores.nabRaw(n, idx, onset, 1, 0.11, 1);
        double normalised = 100 * (raw + idx.size()) / (2.0 * idx.size());
        assertTrue(normalised >= 50, "NAB standard score of machine_temperature: " + normalised);
        int onsets = 0;
        for (boolean b : onset) {
            onsets += b ? 1 : 0;
        }
        assertTrue(onsets <= 40, "alarm onsets stay rare: " + onsets);
    }
}
