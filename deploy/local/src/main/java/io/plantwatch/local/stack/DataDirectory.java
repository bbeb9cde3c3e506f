package io.plantwatch.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private stack's data directory (tests, bench, soak). */
public final class DataDirectory {

    private DataDirectory() {
    }

    /**
     * Deletes {@code dir} and everything in it, so the next stack starts from an empty plant: devices, users and
     * detector state of a previous run would otherwise clash with the new run's (a restored detector skips samples
     * older than the newest it has seen).
     */
    public static void clear(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
