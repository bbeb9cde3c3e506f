package io.plantwatch.ingest.serial;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A virtual serial cable for tests: socat joins two ptys with stable link names; unplug = kill socat. */
final class SocatCable implements AutoCloseable {

    private final Path board;
    private final Path host;
    private Process socat;
    private OutputStream out;

    SocatCable(Path dir) {
        this.board = dir.resolve("board");
        this.host = dir.resolve("host");
    }

    static String binary() {
        for (String candidate : List.of("/usr/bin/socat", "/usr/local/bin/socat", "/bin/socat")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("socat is not installed: run 'sudo apt-get install -y socat' (./plantwatch test installs it)");
    }

    /** The end a device driver (jSerialComm) opens. */
    Path hostEnd() {
        return host;
    }

    SocatCable plug() throws IOException, InterruptedException {
        Files.createDirectories(board.getParent());
        Files.deleteIfExists(board);
        Files.deleteIfExists(host);
        socat = new ProcessBuilder(binary(), "-d", "-d", "pty,raw,echo=0,link=" + board, "pty,raw,echo=0,link=" + host)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(board) && Files.exists(host))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IllegalStateException("socat did not create " + board + " and " + host);
            }
            Thread.sleep(20);
        }
        out = Files.newOutputStream(board);
        return this;
    }

    void write(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Pulls the plug: the ptys and their links disappear. */
    void unplug() throws InterruptedException {
        try {
            out.close();
        } catch (IOException ignored) {
            // going away
        }
        socat.destroy();
        socat.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (socat != null && socat.isAlive()) {
            unplug();
        }
    }
}
