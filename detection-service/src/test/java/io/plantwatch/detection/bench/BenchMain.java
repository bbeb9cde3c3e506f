package io.plantwatch.detection.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Locale;

/**
 * Runs the detector benchmarks: {@code java -cp <test classpath> io.plantwatch.detection.bench.BenchMain} (any
 * arguments are passed to JMH, e.g. {@code -f 1 -wi 2 -i 3 DetectorBench.channelUpdate}). Prints a per-sample cost
 * table at the end.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options opts = args.length > 0
                ? new OptionsBuilder().parent(new CommandLineOptions(args)).build()
                : new OptionsBuilder().include(DetectorBench.class.getName()).build();
        Collection<RunResult> results = new Runner(opts).run();
        System.out.println();
        System.out.println("cost per sample (ns/op):");
        for (RunResult r : results) {
            String params = r.getParams().getParamsKeys().isEmpty() ? ""
                    : " " + r.getParams().getParamsKeys().stream().map(k -> k + "=" + r.getParams().getParam(k))
                    .reduce((a, b) -> a + "," + b).orElse("");
            System.out.printf(Locale.ROOT, "  %-45s %10.1f ± %.1f%n",
                    r.getParams().getBenchmark().replace(DetectorBench.class.getName() + ".", "") + params,
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
    }
}
