package io.plantwatch.detection.detector;

/**
 * Serialisable state of one {@link DeviceDetector}: learned parameters (including Tribuo models as protobuf bytes),
 * rolling windows and alarm state. Jackson writes {@code state} as base64.
 *
 * @param formatVersion {@link DeviceDetector#SNAPSHOT_FORMAT}
 * @param deviceId      the device
 * @param samples       samples evaluated so far
 * @param state         binary state (big-endian {@link java.io.DataOutputStream} layout)
 */
public record DetectorSnapshot(int formatVersion, String deviceId, long samples, byte[] state) {
}
