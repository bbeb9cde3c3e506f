package io.plantwatch.bench.micro;

import io.plantwatch.bench.report.BenchResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs the JMH benchmarks of the bench module (detectors, JSON serde, ingest validation): in a forked JVM, or
 * in-process for the quick smoke run.
 */
public final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    public static List<BenchResult.Micro> run(boolean quick) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("io\\.plantwatch\\.bench\\.micro\\..*Bench")
                .forks(quick ? 0 : 1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
                .jvmArgs("-Xmx512m")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        List<BenchResult.Micro> micro = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace("io.plantwatch.bench.micro.", "");
            String params = r.getParams().getParamsKeys().isEmpty() ? ""
                    : r.getParams().getParamsKeys().stream().map(k -> k + "=" + r.getParams().getParam(k))
                            .reduce((a, b) -> a + "," + b).map(p -> "(" + p + ")").orElse("");
            micro.add(new BenchResult.Micro(name + params, r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError(), r.getPrimaryResult().getScoreUnit()));
        }
        return micro;
    }
}
