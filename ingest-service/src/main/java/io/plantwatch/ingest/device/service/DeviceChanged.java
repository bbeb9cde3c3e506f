package io.plantwatch.ingest.device.service;

/**
 * CDI event fired (synchronously) whenever the registry's view of a device changes, including when the registry is
 * loaded at start. Observers (pollers, serial readers, status tracker) must return quickly.
 *
 * @param before the device before the change, or null when it is new
 * @param after  the device after the change, or null when it was deleted
 */
public record DeviceChanged(Device before, Device after) {

    public String deviceId() {
        return after != null ? after.id() : before.id();
    }
}
