package io.plantwatch.detection.configuration.service;

/**
 * CDI event: the effective configuration of a device (or, with a null device id, of every device) may have changed;
 * the live engine rebuilds the affected detectors.
 *
 * @param deviceId the device, or null for all devices
 */
public record ConfigChanged(String deviceId) {

    public boolean allDevices() {
        return deviceId == null;
    }
}
