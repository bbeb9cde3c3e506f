package io.plantwatch.detection.backtest;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates the benchmark datasets: {@code $PLANTWATCH_DATASETS}, else {@code ../shared/datasets} next to the
 * repository root. Missing data fails the test (never skips it).
 */
public final class Datasets {

    private Datasets() {
    }

    public static Path root() {
        String env = System.getenv("PLANTWATCH_DATASETS");
        Path repoRoot = repoRoot();
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : repoRoot.getParent() == null ? Path.of("shared", "datasets")
                : repoRoot.getParent().resolve("shared").resolve("datasets");
        if (!Files.isDirectory(p.resolve("skab")) || !Files.isDirectory(p.resolve("nab"))) {
            fail("benchmark datasets not found at " + p.toAbsolutePath() + ": they must be at ../shared/datasets"
                    + " relative to the repository root (" + repoRoot.toAbsolutePath() + "), with skab/valve1 and nab/"
                    + " inside, or point PLANTWATCH_DATASETS at them");
        }
        return p;
    }

    /** The repository root: the nearest ancestor of the working directory holding the parent pom with modules. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("detection-service")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return dir.getParent() != null ? dir.getParent() : dir;
    }
}
