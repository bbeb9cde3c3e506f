package io.plantwatch.detection.pipeline.service;

/**
 * Devices whose detection is stopped (a stopped detection session): the engine neither evaluates their readings nor
 * checks them for missing data until detection is started again. Asked on the engine thread: answer from memory.
 */
public interface DevicePauses {

    /** True while detection of {@code deviceId} is stopped. */
    boolean paused(String deviceId);
}
