package io.plantwatch.report.common;

import com.mongodb.MongoException;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Writes of a consumed batch, retried while MongoDB is away (a restart, a failover): the batch is acknowledged only
 * after it is stored, and a failure that escaped the consumer would nack it and stop the channel for good (fail-stop),
 * so history would silently stop growing. Bounded: after {@link #GIVE_UP_AFTER} the failure goes to the channel.
 */
public final class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 5_000;

    private StoreRetry() {
    }

    /** Runs {@code write} until it succeeds, pausing between attempts while it fails with a MongoDB error. */
    public static void untilStored(String what, Runnable write) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                if (attempt > 1) {
                    LOG.infof("%s stored after %d attempts", what, attempt);
                }
                return;
            } catch (MongoException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("storing %s failed (attempt %d, retrying in %d ms): %s", what, attempt, pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }
}
