package io.plantwatch.local.process;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for a process to become usable. */
public final class Readiness {

    private Readiness() {
    }

    /** Polls {@code check} until true; throws with the log tail when the process exits or time runs out. */
    public static void await(String what, Duration timeout, ManagedProcess process, BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (check.getAsBoolean()) {
                return;
            }
            if (process != null && !process.alive()) {
                throw new IllegalStateException(what + " exited before it was ready. Log " + process.logFile()
                        + ":\n" + process.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s"
                        + (process == null ? "" : ". Log " + process.logFile() + ":\n" + process.logTail(40)));
            }
            sleep(100);
        }
    }

    public static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when GET {@code url} answers 200. */
    public static boolean httpOk(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
