package io.plantwatch.detection.detector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Alarm state of one alarm source (a detector on a channel, or a device-level detector): opens after
 * {@code debounce} consecutive firing samples, stays open until the source has not fired for {@code hold} samples.
 * An onset is reported once, on the sample where the alarm opens.
 */
public final class AlarmTracker {

    private final int debounce;
    private final int hold;
    private int firingRun;
    private int quietRun;
    private boolean active;

    public AlarmTracker(int debounce, int hold) {
        this.debounce = Math.max(1, debounce);
        this.hold = Math.max(0, hold);
    }

    /**
     * Advances by one sample.
     *
     * @return true when the alarm opens on this sample
     */
    public boolean update(boolean firing) {
        if (firing) {
            firingRun++;
            quietRun = 0;
            if (!active && firingRun >= debounce) {
                active = true;
                return true;
            }
            return false;
        }
        firingRun = 0;
        if (active) {
            quietRun++;
            if (quietRun > hold) {
                active = false;
                quietRun = 0;
            }
        }
        return false;
    }

    public boolean active() {
        return active;
    }

    public void reset() {
        firingRun = 0;
        quietRun = 0;
        active = false;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(firingRun);
        out.writeInt(quietRun);
        out.writeBoolean(active);
    }

    void read(DataInput in) throws IOException {
        firingRun = in.readInt();
        quietRun = in.readInt();
        active = in.readBoolean();
    }
}
