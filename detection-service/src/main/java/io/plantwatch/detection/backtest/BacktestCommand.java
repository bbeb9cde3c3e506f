package io.plantwatch.detection.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.detection.detector.DetectorConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offline backtest: runs the live detection engine over a CSV file and writes one output row per input row.
 *
 * <pre>
 * BacktestCommand --input FILE.csv --output OUT.csv [--format skab|nab|generic] [--train-rows N]
 *                 [--config CONFIG.json] [--detectors a,b,..] [--alarm-detectors a,b,..]
 *                 [--hold N] [--debounce N] [--sensitivity X] [--set detector.param=value ...]
 *                 [--summary SUMMARY.json] [--quiet]
 * </pre>
 *
 * Output columns: {@code timestamp,is_anomaly,score,alarm_onset} where {@code is_anomaly} is 1 while a device alarm
 * is open, {@code score} is in [0, 1] (0.5 = an alarm-opening detector exactly at its threshold, see
 * {@link io.plantwatch.detection.detector.SampleResult#score()}) and {@code alarm_onset} is 1 only on the sample
 * where an alarm opens (after debounce). Default warm-up: 400 rows for skab (the SKAB protocol), the NAB probation
 * period min(15 %, 750 rows) for nab, the configuration's {@code trainSamples} for generic. A progress bar is
 * written to stderr for files over 5000 rows unless {@code --quiet}.
 */
public final class BacktestCommand {

    private BacktestCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e);
            System.exit(1);
        }
    }

    static String usage() {
        return "usage: BacktestCommand --input FILE.csv --output OUT.csv [--format skab|nab|generic]"
                + " [--train-rows N] [--config CONFIG.json] [--detectors a,b] [--alarm-detectors a,b] [--hold N]"
                + " [--debounce N] [--sensitivity X] [--set detector.param=value]... [--summary FILE.json] [--quiet]";
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream err) throws IOException {
        String input = null;
        String output = null;
        String format = null;
        Integer trainRows = null;
        String configFile = null;
        String detectors = null;
        String alarmDetectors = null;
        Integer hold = null;
        Integer debounce = null;
        Double sensitivity = null;
        String summaryFile = null;
        boolean quiet = false;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--input" -> input = need(args, ++i, a);
                case "--output" -> output = need(args, ++i, a);
                case "--format" -> format = need(args, ++i, a);
                case "--train-rows" -> trainRows = Integer.parseInt(need(args, ++i, a));
                case "--config" -> configFile = need(args, ++i, a);
                case "--detectors" -> detectors = need(args, ++i, a);
                case "--alarm-detectors" -> alarmDetectors = need(args, ++i, a);
                case "--hold" -> hold = Integer.parseInt(need(args, ++i, a));
                case "--debounce" -> debounce = Integer.parseInt(need(args, ++i, a));
                case "--sensitivity" -> sensitivity = Double.parseDouble(need(args, ++i, a));
                case "--set" -> sets.add(need(args, ++i, a));
                case "--summary" -> summaryFile = need(args, ++i, a);
                case "--quiet" -> quiet = true;
                case "--help", "-h" -> {
                    err.println(usage());
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("--input and --output are required");
        }
        CsvSamples.Format fmt = format != null ? CsvSamples.Format.parse(format) : guessFormat(input);
        CsvSamples.Table table;
        try (Reader r = Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            table = CsvSamples.read(r, fmt);
        }
        int n = table.samples().size();
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode cfg = configFile != null ? (ObjectNode) om.readTree(Path.of(configFile).toFile())
                : (ObjectNode) om.valueToTree(DetectorConfig.defaults(Path.of(input).getFileName().toString()));
        int train = trainRows != null ? trainRows
                : BacktestRunner.defaultTrainRows(fmt, n, cfg.path("trainSamples").asInt(400));
        cfg.put("trainSamples", train);
        if (detectors != null) {
            cfg.set("detectors", list(om, detectors));
        }
        if (alarmDetectors != null) {
            cfg.set("alarmDetectors", list(om, alarmDetectors));
        }
        if (hold != null || debounce != null) {
            ObjectNode alarm = cfg.with("alarm");
            if (hold != null) {
                alarm.put("hold", hold);
            }
            if (debounce != null) {
                alarm.put("debounce", debounce);
            }
        }
        if (sensitivity != null) {
            cfg.put("sensitivity", sensitivity);
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            int dot = s.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("--set expects detector.param=value, got " + s);
            }
            ObjectNode section = cfg.with(s.substring(0, dot));
            String key = s.substring(dot + 1, eq);
            String val = s.substring(eq + 1);
            section.set(key, om.readTree(val.matches("[A-Za-z].*") && !val.equals("true") && !val.equals("false")
                    ? om.writeValueAsString(val) : val));
        }
        DetectorConfig config = om.treeToValue(cfg, DetectorConfig.class);
        boolean progress = !quiet && n > 5000;
        int step = Math.max(1, n / 50);
        BacktestSummary summary;
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            w.write("timestamp,is_anomaly,score,alarm_onset\n");
            StringBuilder sb = new StringBuilder(64);
            summary = BacktestRunner.run(table.samples(), config, (i, s, r) -> {
                sb.setLength(0);
                sb.append(s.label()).append(',').append(r.alarmActive() ? '1' : '0').append(',')
                        .append(String.format(Locale.ROOT, "%.4f", r.score())).append(',')
                        .append(r.alarmOnset() ? '1' : '0').append('\n');
                try {
                    w.write(sb.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (progress && ((i + 1) % step == 0 || i + 1 == n)) {
                    int pct = (int) (100L * (i + 1) / n);
                    err.print("\r[" + "=".repeat(pct / 2) + " ".repeat(50 - pct / 2) + "] " + pct + "% "
                            + (i + 1) + "/" + n + " rows");
                    if (i + 1 == n) {
                        err.println();
                    }
                }
            });
        }
        if (summaryFile != null) {
            om.writeValue(Path.of(summaryFile).toFile(), summary);
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "%s: %d rows (warm-up %d), anomalous rows %d, alarms opened %d, verdicts %s,"
                            + " %d ms%n", Path.of(input).getFileName(), summary.rows(), summary.trainRows(),
                    summary.anomalousRows(), summary.alarmsOpened(), summary.verdictsByDetector(),
                    summary.elapsedMillis());
        }
        return 0;
    }

    private static ArrayNode list(ObjectMapper om, String csv) {
        ArrayNode a = om.createArrayNode();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                a.add(s.trim());
            }
        }
        return a;
    }

    private static String need(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    static CsvSamples.Format guessFormat(String path) throws IOException {
        String header;
        try (var br = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            header = br.readLine();
        }
        if (header == null) {
            throw new IllegalArgumentException("empty file " + path);
        }
        return CsvSamples.Format.guess(header);
    }

}
